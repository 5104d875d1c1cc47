package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.OutputName;

public abstract class MediaReferencesContract extends PortsContract {

    @Test
    void every_stem_file_job_source_and_uploaded_source_is_referenced_and_nothing_else() {
        Profile band = profiles.create(Fixtures.profile("band"));
        recordings.save(
                Fixtures.recording(band.id(), "take-1", Fixtures.at(0), Fixtures.fourStems()));
        AudioFile uploaded =
                audioFiles.registerIfAbsent(
                        new AudioFile(
                                AudioFileId.random(),
                                band.id(),
                                Fixtures.hash('a'),
                                "jam.wav",
                                "inputs/band/jam_aaaaaaaa.wav",
                                10L,
                                null,
                                Fixtures.at(0)));
        audioFiles.registerIfAbsent(Fixtures.audioFile(band.id(), Fixtures.hash('b')));
        jobs.create(
                Job.queue(
                        band.id(),
                        band.name(),
                        uploaded.id(),
                        new OutputName("jam_aaaaaaaa"),
                        "jam.wav",
                        "inputs/band/jam_aaaaaaaa.wav",
                        3,
                        Instant.now()));
        Set<String> expected = new TreeSet<>();
        for (String type : new String[] {"vocals", "drums", "bass", "other"}) {
            expected.add("band/take-1/" + type + ".opus");
            expected.add("band/take-1/" + type + "_waveform.png");
        }
        expected.add("inputs/band/jam_aaaaaaaa.wav");
        assertEquals(
                expected,
                mediaReferences.referenced().stream()
                        .map(MediaKey::value)
                        .collect(Collectors.toCollection(TreeSet::new)));
    }
}
