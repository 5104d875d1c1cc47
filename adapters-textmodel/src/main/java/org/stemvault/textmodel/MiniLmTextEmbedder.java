package org.stemvault.textmodel;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.stemvault.domain.search.TextEmbedder;
import org.stemvault.domain.search.Vector;

/**
 * all-MiniLM-L6-v2, the sentence-embedding model shipped inside a Maven artifact, run in-process by
 * ONNX Runtime: 384 dimensions, no network, no API key. Loading takes a moment; embedding a line of
 * text a few ms.
 */
public final class MiniLmTextEmbedder implements TextEmbedder {

    public static final int DIMENSIONS = 384;

    private final AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public Vector embed(String text) {
        return Vector.of(
                model.embed(text == null || text.isBlank() ? "(untitled)" : text)
                        .content()
                        .vector());
    }
}
