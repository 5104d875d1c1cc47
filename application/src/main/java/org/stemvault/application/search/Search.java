package org.stemvault.application.search;

import java.util.List;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Unauthenticated;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.Hit;
import org.stemvault.domain.search.Match;
import org.stemvault.domain.search.SearchQuery;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.search.VectorSearch;

/**
 * Finding recordings, always within the profiles the viewer may see: "more like this" by a
 * recording's vector, and search by vector, by words, or both fused (hybrid, reciprocal rank fusion
 * with constant {@code rrfK}).
 */
public final class Search {

    /** The largest number of similar recordings asked for at once. */
    public static final int MAX_LIMIT = SearchQuery.MAX_LIMIT;

    private final Spaces spaces;
    private final Embeddings embeddings;
    private final VectorSearch search;
    private final Catalogue catalogue;
    private final TextIndex textIndex;
    private final int rrfK;

    public Search(
            Spaces spaces,
            Embeddings embeddings,
            VectorSearch search,
            Catalogue catalogue,
            TextIndex textIndex,
            int rrfK) {
        if (rrfK < 1) {
            throw new IllegalArgumentException(
                    "the reciprocal rank fusion constant must be at least 1");
        }
        this.spaces = spaces;
        this.embeddings = embeddings;
        this.search = search;
        this.catalogue = catalogue;
        this.textIndex = textIndex;
        this.rrfK = rrfK;
    }

    /**
     * The recordings nearest to this one in the space, best first, within the profiles the
     * principal may see.
     */
    public List<Match> similar(
            Principal principal,
            String profile,
            String outputName,
            String spaceName,
            int limit,
            double minSimilarity) {
        EmbeddingSpace space = spaces.space(spaceName);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Invalid("limit", "must be from 1 to " + MAX_LIMIT);
        }
        if (!(minSimilarity >= 0 && minSimilarity <= 1)) {
            throw new Invalid("min_similarity", "must be from 0 to 1");
        }
        Recording recording =
                catalogue
                        .recording(
                                principal.viewer(),
                                Names.profile(profile),
                                Names.recording(outputName))
                        .orElseThrow(Names::noRecording);
        Vector vector =
                embeddings
                        .find(recording.id(), null, space)
                        .map(Embedding::vector)
                        .orElseThrow(
                                () ->
                                        new NotFound(
                                                "the recording has no embedding in space '"
                                                        + space.name()
                                                        + "'"));
        return search.nearest(
                        principal.viewer(), space, vector, recording.id(), limit, minSimilarity)
                .orElseThrow(Unauthenticated::new);
    }

    /**
     * Ranks recordings by the query's mode. A semantic side without a vector takes the query
     * text's, in a space whose vectors come from text.
     */
    public List<Hit> search(Viewer viewer, SearchQuery query) {
        EmbeddingSpace space = null;
        Vector vector = null;
        if (query.mode().semantic()) {
            space = spaces.space(query.space());
            vector = query.vector();
            if (vector == null) {
                if (space.source() != EmbeddingSpace.Source.TEXT) {
                    throw new Invalid(
                            "vector",
                            "is required in space '"
                                    + space.name()
                                    + "', whose vectors do not come from text");
                }
                vector = textIndex.embedQuery(query.text());
            }
            space.check(vector);
        }
        return search.search(viewer, query, space, vector, rrfK).orElseThrow(Unauthenticated::new);
    }
}
