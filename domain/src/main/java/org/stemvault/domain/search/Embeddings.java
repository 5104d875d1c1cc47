package org.stemvault.domain.search;

import java.util.Optional;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.StemType;

/** The stored embeddings: at most one per recording (or stem) and space. */
public interface Embeddings {

    /** Stores the embedding, replacing the one for the same recording (or stem) and space. */
    void put(Embedding embedding);

    /** The recording's embedding in the space, or its stem's when {@code stem} is not null. */
    Optional<Embedding> find(RecordingId recording, StemType stem, EmbeddingSpace space);
}
