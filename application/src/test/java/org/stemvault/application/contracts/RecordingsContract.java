package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;
import static org.stemvault.application.contracts.Fixtures.audioFile;
import static org.stemvault.application.contracts.Fixtures.fourStems;
import static org.stemvault.application.contracts.Fixtures.hash;
import static org.stemvault.application.contracts.Fixtures.profile;
import static org.stemvault.application.contracts.Fixtures.recording;
import static org.stemvault.application.contracts.Fixtures.stem;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;

public abstract class RecordingsContract extends PortsContract {

    @Test
    void a_saved_recording_comes_back_with_its_stems_in_order() {
        Profile band = profiles.create(profile("the-band"));
        AudioFile source = audioFiles.registerIfAbsent(audioFile(band.id(), hash('a')));
        Recording take =
                Recording.create(
                        band.id(),
                        new OutputName("080805-001_a1b2c3d4"),
                        "Tuesday jam",
                        "loud",
                        source.id(),
                        fourStems(),
                        at(0));

        Recording saved = recordings.save(take);

        assertEquals(take, saved);
        Recording found = recordings.byOutputName(band.id(), take.outputName()).orElseThrow();
        assertEquals(take, found);
        assertNull(found.stems().get(3).measuredLufs(), "a silent stem keeps its null loudness");
    }

    @Test
    void saving_again_replaces_content_and_stems_but_keeps_id_and_created_at() {
        Profile band = profiles.create(profile("the-band"));
        Recording first = recordings.save(recording(band.id(), "take-1", at(0), fourStems()));
        Recording replacement =
                new Recording(
                        first.id(),
                        band.id(),
                        first.outputName(),
                        "Renamed",
                        "now described",
                        null,
                        at(0),
                        at(100),
                        List.of(stem("vocals", -20.0), stem("keys", -25.0)));
        Recording other =
                Recording.create(
                        band.id(),
                        first.outputName(),
                        "Renamed",
                        "now described",
                        null,
                        replacement.stems(),
                        at(100));

        Recording saved = recordings.save(other);

        assertEquals(first.id(), saved.id());
        assertEquals(at(0), saved.createdAt());
        assertEquals(at(100), saved.updatedAt());
        assertEquals(
                replacement, recordings.byOutputName(band.id(), first.outputName()).orElseThrow());
    }

    @Test
    void saving_the_same_recording_twice_changes_nothing() {
        Profile band = profiles.create(profile("the-band"));
        Recording take = recording(band.id(), "take-1", at(0), fourStems());
        Recording first = recordings.save(take);
        Recording again =
                recordings.save(
                        Recording.create(
                                band.id(),
                                take.outputName(),
                                take.displayName(),
                                take.description(),
                                null,
                                take.stems(),
                                at(500)));

        assertEquals(first, again);
        assertEquals(first, recordings.byOutputName(band.id(), take.outputName()).orElseThrow());
    }

    @Test
    void every_recordings_id_is_listed_oldest_first() {
        Profile band = profiles.create(profile("the-band"));
        Profile attic = profiles.create(profile("attic"));
        Recording old = recordings.save(recording(band.id(), "old", at(0), fourStems()));
        Recording bare = recordings.save(recording(band.id(), "bare", at(20), List.of()));
        Recording fresh =
                recordings.save(
                        recording(band.id(), "fresh", at(10), List.of(stem("vocals", -1.0))));
        recordings.save(recording(attic.id(), "elsewhere", at(30), fourStems()));

        assertEquals(List.of(old.id(), fresh.id(), bare.id()), recordings.ids().subList(0, 3));
        assertEquals(3, recordings.countOf(band.id()));
        assertEquals(
                List.of(bare, fresh, old),
                recordings.allOf(band.id()),
                "the profile's recordings, newest first, each with its stems");
        assertEquals(List.of(), recordings.allOf(profiles.create(profile("empty")).id()));
        assertEquals(
                List.of(stem("vocals", -1.0)), recordings.byId(fresh.id()).orElseThrow().stems());
    }

    @Test
    void a_deleted_recording_takes_its_stems_with_it() throws Exception {
        Profile band = profiles.create(profile("the-band"));
        Recording take = recordings.save(recording(band.id(), "take-1", at(0), fourStems()));

        assertTrue(recordings.delete(band.id(), take.outputName()));
        assertTrue(recordings.byOutputName(band.id(), take.outputName()).isEmpty());
        assertFalse(recordings.delete(band.id(), take.outputName()));
        assertTrue(recordings.byId(take.id()).isEmpty());
    }
}
