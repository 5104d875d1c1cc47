package org.stemvault.bootstrap;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import org.stemvault.application.search.Spaces;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.VectorSearch;
import org.stemvault.textmodel.MiniLmTextEmbedder;

/**
 * At start-up, before the first request: refuses a text model that cannot serve the configured text
 * space, and makes each space's vector index when missing (not under the first search).
 */
@Singleton
final class EmbeddingStartup {

    private final Spaces spaces;
    private final TextModelSettings textModel;
    private final TextModelSettings.OpenAi openAi;
    private final EmbeddingSettings.Hnsw hnsw;
    private final VectorSearch search;

    EmbeddingStartup(
            Spaces spaces,
            TextModelSettings textModel,
            TextModelSettings.OpenAi openAi,
            EmbeddingSettings.Hnsw hnsw,
            VectorSearch search) {
        this.spaces = spaces;
        this.textModel = textModel;
        this.openAi = openAi;
        this.hnsw = hnsw;
        this.search = search;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        List<EmbeddingSpace> text = spaces.text();
        if (text.size() > 1) {
            throw new StartupFailure(
                    "STEMVAULT_EMBEDDING_SPACES: one text space at most (the text model has one size)");
        }
        if (!textModel.builtin() && (openAi.baseUrl() == null || openAi.baseUrl().isBlank())) {
            throw new StartupFailure("STEMVAULT_TEXT_MODEL=openai needs STEMVAULT_OPENAI_BASE_URL");
        }
        for (EmbeddingSpace space : text) {
            if (textModel.builtin() && space.dimensions() != MiniLmTextEmbedder.DIMENSIONS) {
                throw new StartupFailure(
                        "STEMVAULT_EMBEDDING_SPACES: text space '"
                                + space.name()
                                + "' must have "
                                + MiniLmTextEmbedder.DIMENSIONS
                                + " dimensions, those of the built-in text model");
            }
        }
        spaces.all().forEach(space -> search.ensureIndex(space, hnsw.m(), hnsw.efConstruction()));
    }
}
