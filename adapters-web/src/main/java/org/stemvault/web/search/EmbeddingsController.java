package org.stemvault.web.search;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.List;
import org.stemvault.application.Caller;
import org.stemvault.application.Principal;
import org.stemvault.application.search.Search;
import org.stemvault.application.search.Vectors;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.Match;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.ApiDescription;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;
import org.stemvault.web.library.FileResponse;

/** Embeddings of recordings and stems, and the recordings most like one. */
@Problems
@SecurityRequirement(name = ApiDescription.COOKIE)
@SecurityRequirement(name = ApiDescription.BEARER)
@SecurityRequirement(name = ApiDescription.WORKER)
@Controller("/api/profiles/{profile}/files/{outputName}")
@Secured(SecurityRule.IS_AUTHENTICATED)
final class EmbeddingsController {

    private final Vectors vectors;
    private final Search search;

    EmbeddingsController(Vectors vectors, Search search) {
        this.vectors = vectors;
        this.search = search;
    }

    /** Body {@code {"vector": [...], "source"?}}; replaces the recording's vector in the space. */
    @Put("/embeddings/{space}")
    EmbeddingResponse putRecording(
            @PathVariable String profile,
            @PathVariable String outputName,
            @PathVariable String space,
            @Body @Schema(implementation = Bodies.EmbeddingInput.class) byte[] body,
            @Bound Caller caller) {
        return putStem(profile, outputName, null, space, body, caller);
    }

    /** As for a recording, for one of its stems ({@code stemType} null: the recording's own). */
    @Put("/stems/{stemType}/embeddings/{space}")
    EmbeddingResponse putStem(
            @PathVariable String profile,
            @PathVariable String outputName,
            @PathVariable String stemType,
            @PathVariable String space,
            @Body @Schema(implementation = Bodies.EmbeddingInput.class) byte[] body,
            @Bound Caller caller) {
        EmbeddingRequest request = Fields.read(body, EmbeddingRequest::from);
        return EmbeddingResponse.of(
                vectors.put(
                        caller,
                        profile,
                        outputName,
                        stemType,
                        space,
                        request.vector(),
                        request.source()));
    }

    /**
     * {@code [{"file": FileWithStems, "similarity"}]}, best first; defaults: limit 10,
     * min_similarity 0.7. While feedback is recorded, the answer's search id is in {@code
     * X-Search-Id}.
     */
    @Get("/similar{?space,limit,min_similarity}")
    @Secured(Sessions.MEMBER)
    HttpResponse<List<SimilarResponse>> similar(
            @PathVariable String profile,
            @PathVariable String outputName,
            @Nullable @QueryValue String space,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue("min_similarity") Double minSimilarity,
            @Bound Principal principal) {
        Search.Searched<Match> found =
                search.similar(
                        principal,
                        profile,
                        outputName,
                        space,
                        limit == null ? 10 : limit,
                        minSimilarity == null ? 0.7 : minSimilarity);
        MutableHttpResponse<List<SimilarResponse>> response =
                HttpResponse.ok(
                        found.results().stream()
                                .map(
                                        m ->
                                                new SimilarResponse(
                                                        FileResponse.from(
                                                                m.profile().value(), m.recording()),
                                                        m.similarity()))
                                .toList());
        return found.id() == null ? response : response.header(SEARCH_ID, found.id().toString());
    }

    /** The header that carries a similar-recordings answer's search id. */
    static final String SEARCH_ID = "X-Search-Id";

    @Serdeable(naming = SnakeCaseStrategy.class)
    record EmbeddingResponse(
            String space, int dimensions, String stemType, String source, String updatedAt) {
        static EmbeddingResponse of(Embedding e) {
            return new EmbeddingResponse(
                    e.space().name(),
                    e.vector().dimensions(),
                    e.stem() == null ? null : e.stem().value(),
                    e.source(),
                    e.updatedAt().toString());
        }
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record SimilarResponse(FileResponse file, double similarity) {}
}
