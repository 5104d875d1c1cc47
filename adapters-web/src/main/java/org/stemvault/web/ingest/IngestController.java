package org.stemvault.web.ingest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.stemvault.application.Caller;
import org.stemvault.application.ingest.Ingest;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.web.docs.ApiDescription;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;
import org.stemvault.web.library.FileResponse;

/**
 * The processing worker's endpoints: the duplicate check, source registration and recording upload.
 */
@Problems
@SecurityRequirement(name = ApiDescription.COOKIE)
@SecurityRequirement(name = ApiDescription.BEARER)
@SecurityRequirement(name = ApiDescription.WORKER)
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
final class IngestController {

    private final Ingest ingest;

    IngestController(Ingest ingest) {
        this.ingest = ingest;
    }

    @Get("/audio-files/{sha256}")
    AudioFileResponse audioFile(@PathVariable String sha256, @Bound Caller caller) {
        return AudioFileResponse.from(ingest.audioFile(caller, new Sha256(sha256)));
    }

    /**
     * Body {@code {"filename", "storage_url", "file_size_bytes", "duration_seconds"}}: 201 new, 200
     * same.
     */
    @Put("/profiles/{profile}/audio-files/{sha256}")
    HttpResponse<AudioFileResponse> registerAudioFile(
            @PathVariable String profile,
            @PathVariable String sha256,
            @Body @Schema(implementation = Bodies.AudioFileInput.class) byte[] body,
            @Bound Caller caller) {
        AudioFileRequest r = Fields.read(body, AudioFileRequest::from);
        Ingest.Stored<AudioFile> stored =
                ingest.registerAudioFile(
                        caller,
                        profile,
                        new Sha256(sha256),
                        r.filename(),
                        r.storageUrl(),
                        r.fileSizeBytes(),
                        r.durationSeconds());
        return HttpResponse.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(AudioFileResponse.from(stored.value()));
    }

    /**
     * Body {@code {"display_name"?, "description"?, "audio_file_sha256", "stems": [...]}}: creates
     * or replaces the recording and all its stems in one transaction; 201 new, 200 otherwise.
     */
    @Put("/profiles/{profile}/recordings/{outputName}")
    HttpResponse<FileResponse> putRecording(
            @PathVariable String profile,
            @PathVariable String outputName,
            @Body @Schema(implementation = Bodies.RecordingInput.class) byte[] body,
            @Bound Caller caller) {
        OutputName name = new OutputName(outputName);
        RecordingRequest r = Fields.read(body, RecordingRequest::from);
        Ingest.Stored<Recording> stored =
                ingest.putRecording(
                        caller,
                        profile,
                        name,
                        r.displayName(),
                        r.description(),
                        r.audio(),
                        r.stems());
        return HttpResponse.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(FileResponse.from(profile, stored.value()));
    }

    /** A registered source file. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record AudioFileResponse(
            String sha256,
            String filename,
            String storageUrl,
            Long fileSizeBytes,
            Double durationSeconds,
            String createdAt) {

        static AudioFileResponse from(AudioFile a) {
            return new AudioFileResponse(
                    a.sha256().value(),
                    a.filename(),
                    a.storageUrl(),
                    a.fileSizeBytes(),
                    a.durationSeconds(),
                    a.createdAt().toString());
        }
    }
}
