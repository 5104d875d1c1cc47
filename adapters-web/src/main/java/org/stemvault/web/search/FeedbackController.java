package org.stemvault.web.search;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;
import org.stemvault.application.feedback.FeedbackLog;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.feedback.Feedback;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;

/**
 * {@code POST /api/search/{search_id}/feedback}: what the member did with one result of their
 * search. Also taken as {@code text/plain}, which {@code navigator.sendBeacon} sends for a string
 * without a preflight; a cookie-borne call then passes the CSRF guard by its {@code Origin}.
 */
@Problems
@Controller("/api/search")
@Secured(Sessions.MEMBER)
final class FeedbackController {

    private final FeedbackLog log;

    FeedbackController(FeedbackLog log) {
        this.log = log;
    }

    /**
     * Body {@code {"recording_id", "action": "opened"|"played"|"skipped", "position",
     * "seconds_played"?, "played_to_end"?, "dwell_seconds"?}}; 204. A search that is not the
     * caller's, has expired or did not show the recording is a 404, as a missing one.
     */
    @Post(
            value = "/{searchId}/feedback",
            consumes = {MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Status(HttpStatus.NO_CONTENT)
    void feedback(
            @PathVariable String searchId,
            @Body @Schema(implementation = Bodies.SearchFeedback.class) byte[] body,
            @Bound Viewer viewer) {
        var search = FeedbackLog.searchId(searchId);
        Feedback act =
                Fields.read(
                        body,
                        f -> {
                            RecordingId recording = recording(f.text("recording_id"));
                            Feedback.Action action =
                                    Feedback.Action.fromCode("action", f.text("action"));
                            long position = f.integer("position");
                            if (position < 1 || position > 1000) {
                                throw new Invalid("position", "must be from 1 to 1000");
                            }
                            Boolean toEnd = f.optionalBoolean("played_to_end");
                            Double played = f.optionalNumber("seconds_played");
                            Double dwell = f.optionalNumber("dwell_seconds");
                            return f.build(
                                    () ->
                                            new Feedback(
                                                    search,
                                                    recording,
                                                    action,
                                                    (int) position,
                                                    played,
                                                    Boolean.TRUE.equals(toEnd),
                                                    dwell));
                        });
        log.record(viewer, act);
    }

    private static RecordingId recording(String value) {
        try {
            return new RecordingId(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new Invalid("recording_id", "is not an id");
        }
    }
}
