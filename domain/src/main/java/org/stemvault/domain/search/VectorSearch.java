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
     * One step of moving the space's vectors to the storage its settings name ({@link
     * EmbeddingSpace#storage()}) when they are kept otherwise, while searches go on: searches read
     * the former storage until the new one is complete and indexed, and that is kept for {@code
     * grace} after the switch (for instances that have not seen it yet). Answers whether another
     * step is waiting now. Safe on many instances at once: one steps, the others only see where it
     * stands.
     */
    boolean convert(EmbeddingSpace space, int m, int efConstruction, java.time.Duration grace);

    /**
     * Up to {@code limit} recordings nearest to {@code query} in the space, best first, with
     * similarity at least {@code minSimilarity}, leaving out {@code exclude}.
     */
    default Optional<List<Match>> nearest(
            Viewer viewer,
            EmbeddingSpace space,
            Vector query,
            RecordingId exclude,
            int limit,
            double minSimilarity) {
        return nearest(viewer, space, query, exclude, limit, minSimilarity, null);
    }

    /**
     * As {@link #nearest(Viewer, EmbeddingSpace, Vector, RecordingId, int, double)}, logging the
     * answer in the same statement when {@code tracking} is given (null: no log).
     */
    Optional<List<Match>> nearest(
            Viewer viewer,
            EmbeddingSpace space,
            Vector query,
            RecordingId exclude,
            int limit,
            double minSimilarity,
            Tracking tracking);

    /**
     * Recordings ranked by the query's mode, best first, exactly {@code limit} of them when there
     * are that many. {@code space} and {@code vector} are the semantic side (null in full-text
     * mode); hybrid ranks fuse by reciprocal rank fusion with constant {@code rrfK}.
     */
    default Optional<List<Hit>> search(
            Viewer viewer, SearchQuery query, EmbeddingSpace space, Vector vector, int rrfK) {
        return search(viewer, query, space, vector, rrfK, null);
    }

    /**
     * As {@link #search(Viewer, SearchQuery, EmbeddingSpace, Vector, int)}, in the same statement
     * logging the answer and reading each candidate's feedback as {@code tracking} asks (null:
     * neither): then up to {@code tracking.pool()} results, ranked as without it; or, when it
     * carries a {@link Tracking.Learned} ranking, up to {@code tracking.shown()} of them re-ranked
     * by it.
     */
    Optional<List<Hit>> search(
            Viewer viewer,
            SearchQuery query,
            EmbeddingSpace space,
            Vector vector,
            int rrfK,
            Tracking tracking);
}
