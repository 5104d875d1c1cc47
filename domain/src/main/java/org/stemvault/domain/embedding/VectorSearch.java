package org.stemvault.domain.embedding;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.UserId;

/**
 * Nearest-neighbour search over recording embeddings, always restricted, inside the search itself, to the
 * profiles a user may see, so a limit is honoured exactly and nothing of anyone else's is ranked.
 */
public interface VectorSearch {

    /** Makes sure the space has its approximate index (HNSW, cosine); does nothing when it exists. */
    void ensureIndex(EmbeddingSpace space, int m, int efConstruction);

    /**
     * Up to {@code limit} recordings nearest to {@code query} in the space, best first, with similarity at
     * least {@code minSimilarity}, among the profiles the user may see (admins by role or by one of
     * {@code adminEmails}: all), leaving out {@code exclude}; empty when the user does not exist.
     */
    Optional<List<Match>> nearest(UserId user, Set<Email> adminEmails, EmbeddingSpace space, Vector query,
                                  RecordingId exclude, int limit, double minSimilarity);

    /**
     * Recordings ranked by the query's mode, best first, exactly {@code limit} of them when there are that many,
     * all from profiles the user may see; empty when the user does not exist.
     */
    Optional<List<Hit>> search(UserId user, Set<Email> adminEmails, SearchQuery query);
}
