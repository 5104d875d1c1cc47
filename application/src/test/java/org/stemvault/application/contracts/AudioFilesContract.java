package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;
import static org.stemvault.application.contracts.Fixtures.audioFile;
import static org.stemvault.application.contracts.Fixtures.hash;
import static org.stemvault.application.contracts.Fixtures.profile;

import org.junit.jupiter.api.Test;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.OutputName;

public abstract class AudioFilesContract extends PortsContract {

    @Test
    void a_new_hash_is_registered_and_found_by_hash() {
        Profile band = profiles.create(profile("the-band"));
        AudioFile file = audioFile(band.id(), hash('a'));

        assertEquals(file, audioFiles.registerIfAbsent(file));
        assertEquals(file, audioFiles.bySha256(new Sha256("A".repeat(64))).orElseThrow());
        assertEquals(file, audioFiles.byId(file.id()).orElseThrow());
        assertTrue(audioFiles.byId(org.stemvault.domain.audio.AudioFileId.random()).isEmpty());
    }

    @Test
    void a_registered_hash_answers_the_first_registration_even_from_another_profile() {
        Profile band = profiles.create(profile("the-band"));
        Profile attic = profiles.create(profile("attic"));
        AudioFile first = audioFiles.registerIfAbsent(audioFile(band.id(), hash('b')));

        AudioFile again = audioFiles.registerIfAbsent(audioFile(attic.id(), hash('b')));

        assertEquals(first, again);
        assertEquals(first, audioFiles.bySha256(hash('b')).orElseThrow());
        assertTrue(audioFiles.bySha256(hash('c')).isEmpty());
    }

    @Test
    void a_deleted_source_takes_its_job_with_it_and_its_hash_is_free_again() {
        Profile band = profiles.create(profile("the-band"));
        AudioFile file = audioFiles.registerIfAbsent(audioFile(band.id(), hash('d')));
        Job job =
                Job.queue(
                        band.id(),
                        band.name(),
                        file.id(),
                        new OutputName("take_dddddddd"),
                        "take.wav",
                        "inputs/the-band/take_dddddddd.wav",
                        3,
                        at(0));
        jobs.create(job);

        assertTrue(audioFiles.delete(file.id()));
        assertTrue(audioFiles.bySha256(hash('d')).isEmpty());
        assertTrue(jobs.byId(job.id()).isEmpty(), "its job went with it");
        assertFalse(audioFiles.delete(file.id()), "gone already");
    }
}
