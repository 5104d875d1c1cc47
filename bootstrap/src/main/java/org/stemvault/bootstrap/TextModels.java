package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.stemvault.application.search.Spaces;
import org.stemvault.domain.search.TextEmbedder;
import org.stemvault.textmodel.MiniLmTextEmbedder;
import org.stemvault.textmodel.OpenAiCompatibleTextEmbedder;

/**
 * The text model, chosen by {@code stemvault.text-model.kind}; built on first use (only text spaces
 * need it).
 */
@Factory
final class TextModels {

    @Singleton
    @Requires(property = "stemvault.text-model.kind", value = TextModelSettings.BUILTIN)
    TextEmbedder builtin() {
        return new MiniLmTextEmbedder();
    }

    @Singleton
    @Requires(property = "stemvault.text-model.kind", value = TextModelSettings.OPENAI)
    TextEmbedder openAi(TextModelSettings.OpenAi settings, Spaces spaces) {
        int dimensions =
                spaces.text().isEmpty()
                        ? MiniLmTextEmbedder.DIMENSIONS
                        : spaces.text().get(0).dimensions();
        return new OpenAiCompatibleTextEmbedder(
                settings.baseUrl(), settings.apiKey(), settings.model(), dimensions);
    }
}
