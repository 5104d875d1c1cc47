package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;
import static org.stemvault.application.contracts.Fixtures.fourStems;
import static org.stemvault.application.contracts.Fixtures.profile;
import static org.stemvault.application.contracts.Fixtures.recording;
import static org.stemvault.application.contracts.Fixtures.stem;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Vector;

public abstract class EmbeddingsContract extends PortsContract {

    static final EmbeddingSpace TEXT =
            new EmbeddingSpace("text-contract", 3, EmbeddingSpace.Source.TEXT);
    static final EmbeddingSpace AUDIO =
            new EmbeddingSpace("audio-contract", 5, EmbeddingSpace.Source.EXTERNAL);
    static final StemType VOCALS = new StemType("vocals");

    Recording take() {
        Profile band = profiles.create(profile("the-band"));
        return recordings.save(recording(band.id(), "take-1", at(0), fourStems()));
    }

    @Test
    void vectors_of_different_spaces_and_targets_live_side_by_side_and_come_back_exactly() {
        Recording take = take();
        Embedding text =
                new Embedding(take.id(), null, TEXT, Vector.of(0.1f, -0.2f, 0.3f), "minilm", at(1));
        Embedding audio =
                new Embedding(take.id(), null, AUDIO, Vector.of(1, 2, 3, 4, 5), "clap", at(2));
        Embedding vocals =
                new Embedding(take.id(), VOCALS, AUDIO, Vector.of(5, 4, 3, 2, 1), "clap", at(3));
        embeddings.put(text);
        embeddings.put(audio);
        embeddings.put(vocals);

        assertEquals(text, embeddings.find(take.id(), null, TEXT).orElseThrow());
        assertEquals(audio, embeddings.find(take.id(), null, AUDIO).orElseThrow());
        assertEquals(vocals, embeddings.find(take.id(), VOCALS, AUDIO).orElseThrow());
        assertTrue(embeddings.find(take.id(), VOCALS, TEXT).isEmpty());
    }

    @Test
    void putting_again_replaces_the_vector() {
        Recording take = take();
        embeddings.put(new Embedding(take.id(), null, TEXT, Vector.of(1, 0, 0), "a", at(1)));
        Embedding replacement =
                new Embedding(take.id(), null, TEXT, Vector.of(0, 1, 0), "b", at(2));
        embeddings.put(replacement);

        assertEquals(replacement, embeddings.find(take.id(), null, TEXT).orElseThrow());
    }

    @Test
    void embeddings_go_with_their_recording_and_a_stems_with_its_stem() {
        Recording take = take();
        embeddings.put(new Embedding(take.id(), null, TEXT, Vector.of(1, 0, 0), null, at(1)));
        embeddings.put(
                new Embedding(take.id(), VOCALS, AUDIO, Vector.of(1, 1, 1, 1, 1), null, at(1)));
        embeddings.put(
                new Embedding(
                        take.id(),
                        new StemType("drums"),
                        AUDIO,
                        Vector.of(2, 1, 1, 1, 1),
                        null,
                        at(1)));

        recordings.save(
                Recording.create(
                        take.profile(),
                        take.outputName(),
                        take.displayName(),
                        "",
                        null,
                        List.of(stem("drums", -3.0)),
                        at(5)));
        assertTrue(
                embeddings.find(take.id(), VOCALS, AUDIO).isEmpty(),
                "the vocals stem is gone, so is its vector");
        assertTrue(
                embeddings.find(take.id(), new StemType("drums"), AUDIO).isPresent(),
                "a kept stem keeps its vector");

        recordings.delete(take.profile(), take.outputName());
        assertTrue(embeddings.find(take.id(), null, TEXT).isEmpty());
        assertTrue(embeddings.find(take.id(), new StemType("drums"), AUDIO).isEmpty());
    }
}
