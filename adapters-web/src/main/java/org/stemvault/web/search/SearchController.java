package org.stemvault.web.search;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.stemvault.application.search.Similarity;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.embedding.Hit;
import org.stemvault.domain.embedding.SearchQuery;
import org.stemvault.web.auth.CurrentUser;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.json.Fields;
import org.stemvault.web.library.FileResponse;

/** {@code POST /api/search}: semantic, full-text or hybrid search, always within the caller's profiles. */
@Controller("/api/search")
@Secured(Sessions.MEMBER)
final class SearchController {

    private final Similarity similarity;
    private final CurrentUser currentUser;
    private final int rrfK;

    SearchController(Similarity similarity, CurrentUser currentUser, @Value("${stemvault.search.rrf-k:60}") int rrfK) {
        this.similarity = similarity;
        this.currentUser = currentUser;
        this.rrfK = rrfK;
    }

    /**
     * Body {@code {"query"?, "vector"?, "space"?, "mode", "profiles"?, "limit"?, "min_similarity"?, "filters"?}};
     * answers {@code {"results": [{"file", "score", "similarity"?, "rank_fulltext"?, "rank_semantic"?}], "mode"}}.
     */
    @Post
    SearchResponse search(@Body JsonNode body, Authentication authentication) {
        Fields f = Fields.of(body);
        String mode = f.text("mode");
        List<String> profiles = null;
        if (f.has("profiles")) {
            profiles = new ArrayList<>();
            JsonNode list = body.get("profiles");
            if (!list.isArray()) {
                throw new Invalid("profiles", "must be an array of profile names");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isString()) {
                    throw new Invalid("profiles", "must be an array of profile names");
                }
                profiles.add(list.get(i).getStringValue());
            }
        }
        SearchQuery.Filters filters = SearchQuery.Filters.NONE;
        if (f.has("filters")) {
            if (!body.get("filters").isObject()) {
                throw new Invalid("filters", "must be a JSON object");
            }
            Fields ff = Fields.of(body.get("filters"));
            filters = new SearchQuery.Filters(ff.optionalText("stem_type"), ff.optionalNumber("duration_min"),
                    ff.optionalNumber("duration_max"), ff.optionalNumber("lufs_min"), ff.optionalNumber("lufs_max"),
                    instant(ff.optionalText("created_after"), "filters.created_after"),
                    instant(ff.optionalText("created_before"), "filters.created_before"));
        }
        List<Hit> hits = similarity.search(currentUser.principal(authentication), mode, f.optionalText("query"),
                f.has("vector") ? f.floats("vector") : null, f.optionalText("space"), profiles,
                f.has("limit") ? (int) f.integer("limit") : 10,
                f.has("min_similarity") ? f.number("min_similarity") : -1, rrfK, filters);
        return new SearchResponse(hits.stream().map(h -> new Result(FileResponse.from(h.profile().value(), h.recording()),
                h.score(), h.similarity(), h.rankFulltext(), h.rankSemantic())).toList(), mode);
    }

    private static Instant instant(String value, String field) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Invalid(field, "must be an ISO-8601 instant, e.g. 2025-01-31T00:00:00Z");
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record SearchResponse(List<Result> results, String mode) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Result(FileResponse file, double score, Double similarity, Integer rankFulltext, Integer rankSemantic) {
    }
}
