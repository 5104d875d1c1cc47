package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * {@code stemvault.text-model}: which model turns text into vectors, {@code builtin}
 * (all-MiniLM-L6-v2 in-process) or {@code openai} (an OpenAI-compatible {@code /embeddings}
 * endpoint, which needs its base URL).
 */
@ConfigurationProperties("stemvault.text-model")
record TextModelSettings(String kind) {

    static final String BUILTIN = "builtin";
    static final String OPENAI = "openai";

    TextModelSettings {
        if (!BUILTIN.equals(kind) && !OPENAI.equals(kind)) {
            throw new StartupFailure(
                    "STEMVAULT_TEXT_MODEL must be builtin or openai, not '" + kind + "'");
        }
    }

    boolean builtin() {
        return BUILTIN.equals(kind);
    }

    /** {@code stemvault.text-model.openai}. */
    @ConfigurationProperties("openai")
    record OpenAi(@Nullable String baseUrl, @Nullable String apiKey, String model) {}
}
