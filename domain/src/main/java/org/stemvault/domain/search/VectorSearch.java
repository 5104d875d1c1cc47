package org.stemvault.domain.search;

import java.util.List;
import java.util.Optional;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.recording.RecordingId;

/**
 * Nearest-neighbour and full-text search over recordings, always restricted, inside the search
 * itself, to the profiles the viewer may see, so a limit is honoured exactly and nothing of anyone
 * else's is ranked. Both answer empty when the viewer's user no longer exists.
 */
public interface VectorSearch {

    /**
     * Makes sure the space has its approximate index (HNSW, cosine); does nothing when it exists.
     */
    void ensureIndex(EmbeddingSpace space, int m, int efConstruction);

    /**
     * Up to {@code limit} recordings nearest to {@code query} in the space, best first, with
     * similarity at least {@code minSimilarity}, leaving out {@code exclude}.
     */
    Optional<List<Match>> nearest(
            Viewer viewer,
            EmbeddingSpace space,
            Vector query,
            RecordingId exclude,
            int limit,
            double minSimilarity);

    /**
     * Recordings ranked by the query's mode, best first, exactly {@code limit} of them when there
     * are that many. {@code space} and {@code vector} are the semantic side (null in full-text
     * mode); hybrid ranks fuse by reciprocal rank fusion with constant {@code rrfK}.
     */
    Optional<List<Hit>> search(
            Viewer viewer, SearchQuery query, EmbeddingSpace space, Vector vector, int rrfK);
}
