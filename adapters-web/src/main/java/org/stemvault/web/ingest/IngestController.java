package org.stemvault.web.ingest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import org.stemvault.application.ingest.Ingest;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.web.auth.CurrentUser;
import org.stemvault.web.json.Fields;
import org.stemvault.web.library.FileResponse;

/** The processing worker's endpoints: the duplicate check, source registration and recording upload. */
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
final class IngestController {

    private final Ingest ingest;
    private final CurrentUser currentUser;

    IngestController(Ingest ingest, CurrentUser currentUser) {
        this.ingest = ingest;
        this.currentUser = currentUser;
    }

    @Get("/audio-files/{sha256}")
    AudioFileResponse audioFile(@PathVariable String sha256, Authentication authentication) {
        return AudioFileResponse.from(ingest.audioFile(currentUser.caller(authentication), sha256(sha256)));
    }

    /** Body {@code {"filename", "storage_url", "file_size_bytes", "duration_seconds"}}: 201 new, 200 same. */
    @Put("/profiles/{profile}/audio-files/{sha256}")
    HttpResponse<AudioFileResponse> registerAudioFile(@PathVariable String profile, @PathVariable String sha256,
                                                      @Body JsonNode body, Authentication authentication) {
        Fields f = Fields.of(body);
        Ingest.Stored<AudioFile> stored = ingest.registerAudioFile(currentUser.caller(authentication), profile,
                sha256(sha256), f.text("filename"), f.optionalText("storage_url"), f.integer("file_size_bytes"),
                f.number("duration_seconds"));
        return HttpResponse.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(AudioFileResponse.from(stored.value()));
    }

    /**
     * Body {@code {"display_name"?, "description"?, "audio_file_sha256", "stems": [...]}}: creates or replaces
     * the recording and all its stems in one transaction; 201 new, 200 otherwise.
     */
    @Put("/profiles/{profile}/recordings/{outputName}")
    HttpResponse<FileResponse> putRecording(@PathVariable String profile, @PathVariable String outputName,
                                            @Body JsonNode body, Authentication authentication) {
        Fields f = Fields.of(body);
        OutputName name = new OutputName(outputName);
        String displayName = f.optionalText("display_name");
        String description = f.optionalText("description");
        Sha256 audio = f.build(() -> new Sha256(f.text("audio_file_sha256")));
        List<Stem> stems = f.objects("stems").stream().map(IngestController::stem).toList();
        Ingest.Stored<Recording> stored = ingest.putRecording(currentUser.caller(authentication), profile, name,
                displayName, description, audio, stems);
        return HttpResponse.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(FileResponse.from(profile, stored.value()));
    }

    private static Stem stem(Fields s) {
        return s.build(() -> new Stem(new StemType(s.text("stem_type")), s.optionalNumber("measured_lufs"),
                s.number("peak_amplitude"), s.number("stem_gain_adjustment_db"),
                MediaFileName.of("audio_url", s.text("audio_url")),
                MediaFileName.of("waveform_url", s.text("waveform_url")), s.integer("file_size_bytes"),
                s.number("duration_seconds")));
    }

    private static Sha256 sha256(String value) {
        return new Sha256(value);
    }

    /** A registered source file. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record AudioFileResponse(String sha256, String filename, String storageUrl, Long fileSizeBytes,
                             double durationSeconds, String createdAt) {

        static AudioFileResponse from(AudioFile a) {
            return new AudioFileResponse(a.sha256().value(), a.filename(), a.storageUrl(), a.fileSizeBytes(),
                    a.durationSeconds(), a.createdAt().toString());
        }
    }
}
