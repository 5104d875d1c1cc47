package org.stemvault.web.analysis;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import org.stemvault.application.Principal;
import org.stemvault.application.analysis.RecordingAnalysis;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;

/** A recording's tempo, key, stability and beat grid, for members of its profile. */
@Problems
@Controller("/api/recordings")
@Secured(Sessions.MEMBER)
final class AnalysisController {

    private final RecordingAnalysis analysis;

    AnalysisController(RecordingAnalysis analysis) {
        this.analysis = analysis;
    }

    /**
     * The recording's tempo, key, stability, beat grid (beats and downbeats in seconds), tempo
     * curve and window keys; 404 until it is analysed.
     */
    @Get("/{id}/analysis")
    AnalysisResponse get(@PathVariable String id, @Bound Principal principal) {
        return AnalysisResponse.of(analysis.of(principal, id));
    }
}
