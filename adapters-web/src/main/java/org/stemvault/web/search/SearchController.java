package org.stemvault.web.search;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.stemvault.application.search.Search;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.search.Hit;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;
import org.stemvault.web.library.FileResponse;

/**
 * {@code POST /api/search}: semantic, full-text or hybrid search, always within the caller's
 * profiles.
 */
@Problems
@Controller("/api/search")
@Secured(Sessions.MEMBER)
final class SearchController {

    private final Search search;

    SearchController(Search search) {
        this.search = search;
    }

    /**
     * Answers {@code {"results": [{"file", "score", "similarity"?, "rank_fulltext"?,
     * "rank_semantic"?}], "mode", "search_id"}} ({@code search_id} null while feedback is off).
     */
    @Post
    SearchResponse search(
            @Body @Schema(implementation = Bodies.SearchInput.class) byte[] body,
            @Bound Viewer viewer) {
        SearchRequest request = Fields.read(body, SearchRequest::from);
        Search.Searched<Hit> found = search.search(viewer, request.query());
        return new SearchResponse(
                found.results().stream()
                        .map(
                                h ->
                                        new Result(
                                                FileResponse.from(
                                                        h.profile().value(), h.recording()),
                                                h.score(),
                                                h.similarity(),
                                                h.rankFulltext(),
                                                h.rankSemantic()))
                        .toList(),
                request.mode(),
                found.id() == null ? null : found.id().toString());
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record SearchResponse(List<Result> results, String mode, String searchId) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Result(
            FileResponse file,
            double score,
            Double similarity,
            Integer rankFulltext,
            Integer rankSemantic) {}
}
