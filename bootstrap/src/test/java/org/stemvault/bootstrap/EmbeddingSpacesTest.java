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
    void a_malformed_space_stops_start_up_with_a_reason() {
        for (String bad :
                List.of(
                        "audio",
                        "audio:x:external",
                        "audio:512:somewhere",
                        "Audio:512:external",
                        "big:4000:external")) {
            assertThrows(StartupFailure.class, () -> EmbeddingSpaces.parse(bad), bad);
        }
    }
}
