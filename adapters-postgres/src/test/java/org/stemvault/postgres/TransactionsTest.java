package org.stemvault.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;
import static org.stemvault.application.contracts.Fixtures.fourStems;
import static org.stemvault.application.contracts.Fixtures.profile;
import static org.stemvault.application.contracts.Fixtures.recording;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Transactions;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.Recordings;

@MicronautTest(transactional = false)
class TransactionsTest extends PostgresTestSupport {

    @Inject Transactions transactions;
    @Inject Profiles profiles;
    @Inject Recordings recordings;

    @Test
    void a_unit_of_work_that_fails_half_way_leaves_nothing_behind() {
        assertThrows(
                IllegalStateException.class,
                () ->
                        transactions.inTransaction(
                                () -> {
                                    Profile band = profiles.create(profile("the-band"));
                                    recordings.save(
                                            recording(band.id(), "take-1", at(0), fourStems()));
                                    throw new IllegalStateException("the worker died");
                                }));

        assertTrue(profiles.byName(new ProfileName("the-band")).isEmpty());
        assertTrue(profiles.all().isEmpty());
    }

    @Test
    void a_unit_of_work_that_completes_lands_whole() {
        Profile band =
                transactions.inTransaction(
                        () -> {
                            Profile created = profiles.create(profile("the-band"));
                            recordings.save(recording(created.id(), "take-1", at(0), fourStems()));
                            return created;
                        });

        assertEquals(1, recordings.countOf(band.id()));
    }
}
