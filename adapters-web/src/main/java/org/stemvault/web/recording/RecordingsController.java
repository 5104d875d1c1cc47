package org.stemvault.web.recording;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.media.Schema;
import org.stemvault.application.Principal;
import org.stemvault.application.library.RecordingMetadata;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;

/** A recording by its id, for members of its profile and admins. */
@Problems
@Controller("/api/recordings")
@Secured(Sessions.MEMBER)
final class RecordingsController {

    private final RecordingMetadata metadata;

    RecordingsController(RecordingMetadata metadata) {
        this.metadata = metadata;
    }

    @Get("/{id}")
    RecordingResponse get(@PathVariable String id, @Bound Principal principal) {
        return RecordingResponse.of(metadata.get(principal, id));
    }

    /**
     * Body {@code {"location_id"?, "date_recorded"?}}: an absent field stays as it is, an explicit
     * null clears it.
     */
    @Patch("/{id}/metadata")
    RecordingResponse metadata(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.RecordingMetadata.class) byte[] body,
            @Bound Principal principal) {
        RecordingMetadata.Change change =
                Fields.read(
                        body,
                        f -> {
                            return new RecordingMetadata.Change(
                                    f.present("location_id"),
                                    f.optionalText("location_id"),
                                    f.present("date_recorded"),
                                    f.optionalDate("date_recorded"));
                        });
        return RecordingResponse.of(metadata.update(principal, id, change));
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, @Bound Principal principal) {
        metadata.delete(principal, id);
    }
}
