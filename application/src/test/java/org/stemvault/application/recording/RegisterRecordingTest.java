package org.stemvault.application.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.application.fakes.World;
import org.stemvault.application.search.TextIndex;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.clip.Clip;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.search.EmbeddingSpace;

/**
 * The rules every registration of a recording follows, whoever brings it (a job's completion, the
 * worker-ingest route, the legacy import): one suite for the one use case they all call.
 */
class RegisterRecordingTest {

    static final EmbeddingSpace TEXT = new EmbeddingSpace("text", 3, EmbeddingSpace.Source.TEXT);

    final World world = new World();
    final RegisterRecording register =
            new RegisterRecording(
                    world.ports.recordings(),
                    world.ports.clips(),
                    new TextIndex(
                            List.of(TEXT),
                            world.ports.embeddingJobs(),
                            world.ports.recordings(),
                            world.ports.embeddings(),
                            () -> {
                                throw new AssertionError("registering embeds nothing itself");
                            },
                            world.clock),
                    world.clock);
    final Profile band = world.profile("band");
    final OutputName take = new OutputName("take-1");

    Recording registered(RegisterRecording.Take t) {
        return world.ports.transactions().inTransaction(() -> register.register(t).recording());
    }

    RegisterRecording.Take fourStems() {
        return RegisterRecording.Take.of(band.id(), take, Fixtures.fourStems());
    }

    @Test
    void every_stem_file_must_be_present_and_the_refusal_names_the_first_missing_field() {
        List<Stem> stems = Fixtures.fourStems();
        Set<MediaFileName> present = Set.of(stems.get(0).audio(), stems.get(0).waveform());
        Invalid missing =
                assertThrows(
                        Invalid.class,
                        () -> RegisterRecording.requireFiles(stems, present::contains, "here"));
        assertEquals("stems[1].audio_url", missing.field());
        assertTrue(missing.reason().endsWith("which is not here"), missing.reason());
        RegisterRecording.requireFiles(stems.subList(0, 1), present::contains, "here");
    }

    @Test
    void a_recording_has_at_least_one_stem() {
        assertEquals(
                "stems",
                assertThrows(
                                Invalid.class,
                                () -> RegisterRecording.requireFiles(List.of(), f -> true, "here"))
                        .field());
        assertEquals(
                "stems",
                assertThrows(
                                Invalid.class,
                                () ->
                                        registered(
                                                RegisterRecording.Take.of(
                                                        band.id(), take, List.of())))
                        .field());
        assertTrue(world.ports.recordings().byOutputName(band.id(), take).isEmpty());
    }

    @Test
    void a_new_recording_without_a_name_shows_its_output_name_and_a_replacement_keeps_its_names() {
        assertEquals("take-1", registered(fourStems()).displayName());
        registered(fourStems().named("Tuesday jam", "the loud one"));
        Recording again = registered(fourStems());
        assertEquals("Tuesday jam", again.displayName(), "an absent name keeps the stored one");
        assertEquals("the loud one", again.description());
        RegisterRecording.Registered replaced =
                world.ports
                        .transactions()
                        .inTransaction(
                                () -> register.register(fourStems().named("Wednesday", null)));
        assertFalse(replaced.created());
        assertEquals("Wednesday", replaced.recording().displayName());
        assertEquals("the loud one", replaced.recording().description());
    }

    @Test
    void a_registered_recording_is_complete_whatever_it_was_before() {
        Recording placeholder =
                world.ports
                        .recordings()
                        .save(
                                Recording.create(
                                        band.id(), take, null, null, null, List.of(), world.now()));
        world.ports.recordings().setStatus(placeholder.id(), RecordingStatus.PROCESSING);
        Recording done = registered(fourStems());
        assertEquals(placeholder.id(), done.id(), "the upload's recording is filled");
        assertEquals(RecordingStatus.COMPLETE, done.details().status());
        assertEquals(
                RecordingStatus.COMPLETE,
                world.ports
                        .recordings()
                        .byOutputName(band.id(), take)
                        .orElseThrow()
                        .details()
                        .status());
    }

    @Test
    void sections_become_clips_of_a_recording_without_clips_bounded_by_its_duration() {
        double duration = Fixtures.fourStems().get(0).durationSeconds();
        Recording saved =
                registered(
                        fourStems()
                                .withSections(
                                        List.of(
                                                new RegisterRecording.Section(-5, 10),
                                                new RegisterRecording.Section(20, 20),
                                                new RegisterRecording.Section(
                                                        30, duration + 100))));
        List<Clip> clips = world.ports.clips().ofRecording(saved.id());
        assertEquals(
                List.of("Section 1 0.0-10.0", "Section 2 30.0-" + duration),
                clips.stream()
                        .map(c -> c.displayName() + " " + c.start() + "-" + c.end())
                        .sorted()
                        .toList(),
                "clamped to the take; the empty section passed over");
        registered(fourStems().withSections(List.of(new RegisterRecording.Section(1, 2))));
        assertEquals(
                2,
                world.ports.clips().ofRecording(saved.id()).size(),
                "a recording with clips keeps them");
    }

    @Test
    void the_text_is_indexed_for_a_new_recording_and_again_only_when_it_changed() {
        registered(fourStems());
        assertEquals(1, world.ports.embeddingJobs().pending());
        world.ports.embeddingJobs().claim(10, world.now(), world.now().plusSeconds(60)).stream()
                .forEach(world.ports.embeddingJobs()::done);
        assertEquals(0, world.ports.embeddingJobs().pending());
        registered(fourStems());
        assertEquals(0, world.ports.embeddingJobs().pending(), "same text: nothing to embed");
        registered(fourStems().named("Renamed", null));
        assertEquals(1, world.ports.embeddingJobs().pending(), "new text: embedded again");
    }

    @Test
    void a_take_may_keep_its_own_creation_time() {
        Instant then = Instant.parse("2020-01-02T03:04:05Z");
        assertEquals(then, registered(fourStems().createdAt(then)).createdAt());
    }
}
