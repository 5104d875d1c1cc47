package org.stemvault.web.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import org.stemvault.application.Principal;
import org.stemvault.application.feedback.FeedbackLog;
import org.stemvault.application.signin.Admin;
import org.stemvault.domain.feedback.SearchFeedback;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;

/** What a profile's members search for, for admins: queries and results, never who. */
@Problems
@Controller("/api/admin/search-insights")
@Secured(Sessions.MEMBER)
final class SearchInsightsController {

    private final FeedbackLog log;

    SearchInsightsController(FeedbackLog log) {
        this.log = log;
    }

    /**
     * {@code {"profile", "top_queries": [{"query", "searches"}], "unclicked_queries": [...],
     * "most_skipped": [{"recording_id", "output_name", "skips"}]}}: the 20 most asked queries, the
     * most asked with no result opened or played, the most skipped recordings.
     */
    @Get("{?profile}")
    InsightsResponse insights(@Nullable @QueryValue String profile, @Bound Principal principal) {
        SearchFeedback.Insights found = log.insights(Admin.of(principal), profile);
        return new InsightsResponse(
                profile,
                found.top().stream().map(QueryResponse::of).toList(),
                found.unclicked().stream().map(QueryResponse::of).toList(),
                found.skipped().stream()
                        .map(
                                s ->
                                        new SkippedResponse(
                                                s.recording().toString(),
                                                s.outputName(),
                                                s.skips()))
                        .toList());
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record InsightsResponse(
            String profile,
            List<QueryResponse> topQueries,
            List<QueryResponse> unclickedQueries,
            List<SkippedResponse> mostSkipped) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record QueryResponse(String query, long searches) {
        static QueryResponse of(SearchFeedback.QueryCount q) {
            return new QueryResponse(q.query(), q.searches());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record SkippedResponse(String recordingId, String outputName, long skips) {}
}
