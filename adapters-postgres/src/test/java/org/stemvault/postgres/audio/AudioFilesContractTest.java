package org.stemvault.postgres.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.postgres.Fixtures.audioFile;
import static org.stemvault.postgres.Fixtures.hash;
import static org.stemvault.postgres.Fixtures.profile;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.postgres.PostgresTestSupport;

@MicronautTest(transactional = false)
class AudioFilesContractTest extends PostgresTestSupport {

    @Inject
    AudioFiles audioFiles;
    @Inject
    Profiles profiles;

    @Test
    void a_new_hash_is_registered_and_found_by_hash_and_id() {
        Profile band = profiles.create(profile("the-band"));
        AudioFile file = audioFile(band.id(), hash('a'));

        assertEquals(file, audioFiles.registerIfAbsent(file));
        assertEquals(file, audioFiles.bySha256(new Sha256("A".repeat(64))).orElseThrow());
        assertEquals(file, audioFiles.byId(file.id()).orElseThrow());
    }

    @Test
    void a_registered_hash_answers_the_first_registration_even_from_another_profile() {
        Profile band = profiles.create(profile("the-band"));
        Profile attic = profiles.create(profile("attic"));
        AudioFile first = audioFiles.registerIfAbsent(audioFile(band.id(), hash('b')));

        AudioFile again = audioFiles.registerIfAbsent(audioFile(attic.id(), hash('b')));

        assertEquals(first, again);
        assertTrue(audioFiles.byId(again.id()).isPresent());
        assertTrue(audioFiles.bySha256(hash('c')).isEmpty());
    }
}
