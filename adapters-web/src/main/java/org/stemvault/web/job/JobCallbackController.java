package org.stemvault.web.job;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stemvault.application.job.PushCallbacks;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;

/**
 * Where a push worker reports: the callback URL it was sent, which carries the job's secret (the
 * worker needs no credential of its own). Without the right secret the job is not found. Body
 * {@code {"job_id"?, "status": "complete" | "error", "stems"?, "error"?, "clip_boundaries"?:
 * {"<id>": {"start_time_sec", "end_time_sec"}}}} (the {@code ProcessingCallbackPayload} of the
 * system we replace); on {@code complete} the stems are read from the store and the clip boundaries
 * become the recording's sections.
 */
@Problems
@SecurityRequirements
@Controller("/api/jobs")
@Secured(SecurityRule.IS_ANONYMOUS)
final class JobCallbackController {

    private final PushCallbacks callbacks;

    JobCallbackController(PushCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Post("/{jobId}/callback/{secret}")
    Map<String, Boolean> callback(
            @PathVariable String jobId,
            @PathVariable String secret,
            @Body @Schema(implementation = Bodies.Callback.class) byte[] body) {
        Fields f = Fields.of(body);
        List<RegisterRecording.Section> sections = new ArrayList<>();
        for (Fields boundary : f.optionalObjectsByKey("clip_boundaries").values()) {
            sections.add(
                    boundary.build(
                            () ->
                                    new RegisterRecording.Section(
                                            boundary.number("start_time_sec"),
                                            boundary.number("end_time_sec"))));
        }
        callbacks.callback(
                JobIds.of(jobId),
                secret,
                outcome(f.text("status")),
                f.optionalText("error"),
                sections);
        return Map.of("ok", true);
    }

    /** The worker's word for its outcome; null for any other (refused after the secret). */
    private static PushCallbacks.Outcome outcome(String status) {
        return switch (status) {
            case "complete" -> PushCallbacks.Outcome.COMPLETE;
            case "error" -> PushCallbacks.Outcome.ERROR;
            default -> null;
        };
    }
}
