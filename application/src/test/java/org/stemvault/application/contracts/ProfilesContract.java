package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.profile;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;

public abstract class ProfilesContract extends PortsContract {

    @Test
    void a_created_profile_is_found_by_name_and_listed_by_name() {
        Profile band = profiles.create(profile("the-band"));
        Profile attic = profiles.create(profile("attic"));

        assertEquals(band, profiles.byName(new ProfileName("the-band")).orElseThrow());
        assertEquals(List.of(attic, band), profiles.all());
    }

    @Test
    void a_second_profile_with_a_taken_name_is_a_conflict_and_changes_nothing() {
        profiles.create(profile("the-band"));
        assertThrows(Conflict.class, () -> profiles.create(profile("the-band")));
        assertEquals(1, profiles.all().size());
    }

    @Test
    void an_update_saves_name_folder_and_strategy_and_cannot_take_another_profiles_name() {
        Profile band = profiles.create(profile("the-band"));
        profiles.create(profile("attic"));
        Profile renamed =
                new Profile(
                        band.id(),
                        new ProfileName("the-band-2"),
                        "/elsewhere",
                        "htdemucs",
                        band.createdAt());

        assertTrue(profiles.update(renamed));
        assertEquals(renamed, profiles.byName(renamed.name()).orElseThrow());
        Profile clash =
                new Profile(band.id(), new ProfileName("attic"), "/x", null, band.createdAt());
        assertThrows(Conflict.class, () -> profiles.update(clash));
        assertEquals(renamed, profiles.byName(renamed.name()).orElseThrow());
    }

    @Test
    void a_deleted_profile_is_gone() {
        Profile band = profiles.create(profile("the-band"));
        assertTrue(profiles.delete(band.id()));
        assertTrue(profiles.byName(band.name()).isEmpty());
        assertFalse(profiles.delete(band.id()));
    }
}
