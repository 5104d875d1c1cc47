package org.stemvault.application.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Caller;
import org.stemvault.application.WorkerCaller;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.application.fakes.InMemoryMediaStore;
import org.stemvault.application.fakes.World;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.application.search.TextIndex;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.worker.WorkerTokenId;

class IngestTest {

    final World world = new World();
    final InMemoryMediaStore media = new InMemoryMediaStore();
    final TextIndex textIndex =
            new TextIndex(
                    List.of(new EmbeddingSpace("text", 3, EmbeddingSpace.Source.TEXT)),
                    world.ports.embeddingJobs(),
                    world.ports.recordings(),
                    world.ports.embeddings(),
                    () -> null,
                    world.clock);
    final Ingest ingest =
            new Ingest(
                    world.ports.profiles(),
                    world.ports.audioFiles(),
                    world.ports.recordings(),
                    world.ports.transactions(),
                    world.clock,
                    new RegisterRecording(
                            world.ports.recordings(), world.ports.clips(), textIndex, world.clock),
                    media);
    final Caller worker = new WorkerCaller(WorkerTokenId.random());

    {
        world.profile("band");
        world.profile("attic");
        for (Stem stem : Fixtures.fourStems()) {
            stored("take-1", stem.audio());
            stored("take-1", stem.waveform());
        }
    }

    void stored(String recording, MediaFileName file) {
        try {
            media.write(
                    MediaKey.output(new ProfileName("band"), new OutputName(recording), file),
                    new ByteArrayInputStream(new byte[] {1}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Ingest.Stored<AudioFile> register(String profile) {
        return ingest.registerAudioFile(
                worker, profile, Fixtures.hash('a'), "take.wav", null, 1234, 184.3);
    }

    Ingest.Stored<Recording> put(String displayName) {
        return ingest.putRecording(
                worker,
                "band",
                new OutputName("take-1"),
                displayName,
                null,
                Fixtures.hash('a'),
                Fixtures.fourStems());
    }

    @Test
    void a_source_is_created_once_and_refused_to_another_profile() {
        assertTrue(register("band").created());
        assertFalse(register("band").created());
        assertThrows(Conflict.class, () -> register("attic"));
        assertThrows(
                Conflict.class,
                () ->
                        ingest.registerAudioFile(
                                worker,
                                "band",
                                Fixtures.hash('a'),
                                "other.wav",
                                null,
                                1234,
                                184.3));
    }

    @Test
    void a_recording_is_created_then_unchanged_and_its_text_queued_once() {
        register("band");
        assertTrue(put("Tuesday jam").created());
        Ingest.Stored<Recording> again = put("Tuesday jam");
        assertFalse(again.created());
        assertEquals(1, world.ports.embeddingJobs().pending());
        assertEquals(
                "Tuesday jam",
                put(null).value().displayName(),
                "an absent display name keeps the stored one");
    }

    @Test
    void a_recording_needs_a_source_registered_to_its_profile() {
        Invalid invalid = assertThrows(Invalid.class, () -> put("x"));
        assertEquals("audio_file_sha256", invalid.field());
        assertThrows(
                NotFound.class,
                () ->
                        ingest.putRecording(
                                worker,
                                "no-band",
                                new OutputName("t"),
                                null,
                                null,
                                Fixtures.hash('a'),
                                Fixtures.fourStems()));
    }

    @Test
    void a_recording_whose_files_are_not_stored_is_refused_naming_the_first_missing_one() {
        register("band");
        media.delete(
                MediaKey.output(
                        new ProfileName("band"),
                        new OutputName("take-1"),
                        new MediaFileName("bass_waveform.png")));
        Invalid invalid = assertThrows(Invalid.class, () -> put("x"));
        assertEquals("stems[2].waveform_url", invalid.field());
        assertTrue(invalid.getMessage().contains("bass_waveform.png"), invalid.getMessage());
        assertTrue(
                world.ports
                        .recordings()
                        .byOutputName(
                                world.ports
                                        .profiles()
                                        .byName(new ProfileName("band"))
                                        .orElseThrow()
                                        .id(),
                                new OutputName("take-1"))
                        .isEmpty(),
                "nothing is saved");
        Invalid elsewhere =
                assertThrows(
                        Invalid.class,
                        () ->
                                ingest.putRecording(
                                        worker,
                                        "band",
                                        new OutputName("take-2"),
                                        null,
                                        null,
                                        Fixtures.hash('a'),
                                        Fixtures.fourStems()));
        assertEquals(
                "stems[0].audio_url",
                elsewhere.field(),
                "the files of another recording's folder do not count");
    }

    @Test
    void members_may_not_ingest_and_admins_may() {
        assertThrows(
                Forbidden.class,
                () ->
                        ingest.audioFile(
                                world.principal(world.user("m@example.com")), Fixtures.hash('a')));
        register("band");
        assertEquals(
                "take.wav",
                ingest.audioFile(
                                world.principal(world.admin("boss@example.com")),
                                Fixtures.hash('a'))
                        .filename());
    }
}
