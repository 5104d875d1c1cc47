package org.stemvault.postgres.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.domain.mix.SavedLevels;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.ConfigKey;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingConfigs;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.Users;
import org.stemvault.postgres.PostgresTestSupport;

/**
 * A member's saved stem levels read out of the player's {@code stems} setting as the web client
 * writes it; anything of the wrong type counts as not saved, never as an error.
 */
@MicronautTest(transactional = false)
class PostgresSavedLevelsTest extends PostgresTestSupport {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Inject SavedLevels saved;
    @Inject RecordingConfigs configs;
    @Inject Profiles profiles;
    @Inject Recordings recordings;
    @Inject Users users;

    User member;
    Recording take;

    @BeforeEach
    void world() {
        Profile band = profiles.create(Fixtures.profile("band"));
        member = users.provision(new Email("member@example.com"), T0);
        take = recordings.save(Fixtures.recording(band.id(), "monday", T0, Fixtures.fourStems()));
    }

    @Test
    void the_clients_stems_setting_gives_each_stems_gain_mute_and_solo() {
        configs.put(
                member.id(),
                take.id(),
                ConfigKey.STEMS,
                "{\"vocals\": {\"gain\": 0.5, \"muted\": false, \"soloed\": true,"
                        + " \"compression\": \"off\"}, \"drums\": {\"muted\": true}}",
                T0);
        assertEquals(
                Map.of(
                        "vocals", new SavedLevels.Level(0.5, false, true),
                        "drums", new SavedLevels.Level(null, true, false)),
                saved.of(member.id(), take.id()));
    }

    @Test
    void values_of_the_wrong_type_or_size_count_as_not_saved() {
        configs.put(
                member.id(),
                take.id(),
                ConfigKey.STEMS,
                "{\"vocals\": {\"gain\": \"loud\", \"muted\": \"yes\"}, \"drums\": 3,"
                        + " \"bass\": {\"gain\": 1e400}, \"other\": {\"gain\": -2}}",
                T0);
        assertEquals(
                Map.of(
                        "vocals", new SavedLevels.Level(null, false, false),
                        "bass", new SavedLevels.Level(null, false, false),
                        "other", new SavedLevels.Level(-2.0, false, false)),
                saved.of(member.id(), take.id()));
        configs.put(member.id(), take.id(), ConfigKey.STEMS, "[1, 2]", T0);
        assertEquals(Map.of(), saved.of(member.id(), take.id()));
    }

    @Test
    void nothing_saved_is_no_levels() {
        assertEquals(Map.of(), saved.of(member.id(), take.id()));
    }
}
