package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.search.EmbeddingSpace;

class EmbeddingSpacesTest {

    @Test
    void without_configuration_there_is_one_external_audio_space() {
        assertEquals(
                List.of(new EmbeddingSpace("audio", 512, EmbeddingSpace.Source.EXTERNAL)),
                List.copyOf(EmbeddingSpaces.parse("").values()));
    }

    @Test
    void several_spaces_of_different_dimensions_are_configured_side_by_side() {
        assertEquals(
                List.of("audio", "text"),
                List.copyOf(EmbeddingSpaces.parse("audio:512:external, text:384:TEXT").keySet()));
        assertEquals(384, EmbeddingSpaces.parse("text:384:text").get("text").dimensions());
    }

    @Test
    void a_space_names_its_storage_and_a_binary_one_its_rerank() {
        var spaces =
                EmbeddingSpaces.parse(
                        "audio:512:external, text:384:text:half, big:1536:external:binary,"
                                + " wide:3000:external:binary:20, huge:4000:external:half");
        assertEquals(EmbeddingSpace.Storage.FULL, spaces.get("audio").storage());
        assertEquals(EmbeddingSpace.Storage.HALF, spaces.get("text").storage());
        assertEquals(EmbeddingSpace.Storage.BINARY, spaces.get("big").storage());
        assertEquals(EmbeddingSpace.DEFAULT_RERANK_FACTOR, spaces.get("big").rerankFactor());
        assertEquals(20, spaces.get("wide").rerankFactor());
        assertEquals(4000, spaces.get("huge").dimensions());
    }

    @Test
    void a_grace_shorter_than_three_looks_at_the_storage_stops_start_up() {
        java.time.Duration second = java.time.Duration.ofSeconds(1);
        assertEquals(
                java.time.Duration.ofSeconds(3),
                new EmbeddingSettings(null, second, second, second.multipliedBy(3)).storageGrace());
        StartupFailure failure =
                assertThrows(
                        StartupFailure.class,
                        () -> new EmbeddingSettings(null, second, second, second.multipliedBy(2)));
        assertEquals(
                true,
                failure.getMessage().startsWith("STEMVAULT_EMBEDDING_STORAGE_GRACE"),
                failure.getMessage());
    }

    @Test
    void a_malformed_space_stops_start_up_with_a_reason() {
        for (String bad :
                List.of(
                        "audio",
                        "audio:x:external",
                        "audio:512:somewhere",
                        "Audio:512:external",
                        "big:4000:external",
                        "big:4001:external:half",
                        "audio:512:external:quarter",
                        "audio:512:external:half:4",
                        "audio:512:external:binary:0",
                        "audio:512:external:binary:101",
                        "audio:512:external:binary:x",
                        "audio:512:external:binary:4:more",
                        "audio:512:external, audio:256:external",
                        "text-en:384:text, text_en:384:external")) {
            assertThrows(StartupFailure.class, () -> EmbeddingSpaces.parse(bad), bad);
        }
    }
}
