package org.stemvault.web.clip;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.stemvault.application.Principal;
import org.stemvault.application.clip.RecordingClips;
import org.stemvault.domain.clip.Clips;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;
import org.stemvault.web.recording.RecordingResponse;

/** Clips (sections) of recordings, for members of the recording's profile and admins. */
@Problems
@Controller("/api")
@Secured(Sessions.MEMBER)
final class ClipsController {

    private final RecordingClips clips;

    ClipsController(RecordingClips clips) {
        this.clips = clips;
    }

    /** A take of a song: the clip, and the recording with the stems that play it. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record TakeResponse(@JsonUnwrapped ClipResponse clip, RecordingResponse recording) {
        static TakeResponse of(Clips.Take take) {
            return new TakeResponse(
                    ClipResponse.from(take.clip()), RecordingResponse.of(take.recording()));
        }
    }

    @Get("/recordings/{id}/clips")
    List<ClipResponse> ofRecording(@PathVariable String id, @Bound Principal principal) {
        return clips.ofRecording(principal, id).stream().map(ClipResponse::from).toList();
    }

    /** Body {@code {"start_seconds", "end_seconds", "song_id"?, "display_name"?}}: 201. */
    @Post("/recordings/{id}/clips")
    HttpResponse<ClipResponse> create(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.ClipInput.class) byte[] body,
            @Bound Principal principal) {
        return HttpResponse.created(
                ClipResponse.from(
                        clips.create(principal, id, Fields.read(body, ClipsController::draft))));
    }

    @Get("/clips/{id}")
    ClipResponse get(@PathVariable String id, @Bound Principal principal) {
        return ClipResponse.from(clips.get(principal, id));
    }

    /** What is absent stays; {@code song_id} and {@code display_name} given as null are cleared. */
    @Patch("/clips/{id}")
    ClipResponse update(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.ClipInput.class) byte[] body,
            @Bound Principal principal) {
        return ClipResponse.from(
                clips.update(principal, id, Fields.read(body, ClipsController::draft)));
    }

    @Delete("/clips/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, @Bound Principal principal) {
        clips.delete(principal, id);
    }

    /** Every take of the song, newest recording first: each clip with its recording and stems. */
    @Get("/songs/{id}/clips")
    List<TakeResponse> ofSong(@PathVariable String id, @Bound Principal principal) {
        return clips.ofSong(principal, id).stream().map(TakeResponse::of).toList();
    }

    @Get("/profiles/{profile}/clips")
    List<ClipResponse> ofProfile(@PathVariable String profile, @Bound Principal principal) {
        return clips.ofProfile(principal, profile).stream().map(ClipResponse::from).toList();
    }

    private static RecordingClips.Draft draft(Fields f) {
        return new RecordingClips.Draft(
                f.present("start_seconds"),
                f.optionalNumber("start_seconds"),
                f.present("end_seconds"),
                f.optionalNumber("end_seconds"),
                f.present("song_id"),
                f.optionalText("song_id"),
                f.present("display_name"),
                f.optionalText("display_name"));
    }
}
