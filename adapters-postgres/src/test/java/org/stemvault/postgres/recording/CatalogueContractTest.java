package org.stemvault.postgres.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.postgres.Fixtures.at;
import static org.stemvault.postgres.Fixtures.fourStems;
import static org.stemvault.postgres.Fixtures.profile;
import static org.stemvault.postgres.Fixtures.recording;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Listing;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;
import org.stemvault.postgres.PostgresTestSupport;

@MicronautTest(transactional = false)
class CatalogueContractTest extends PostgresTestSupport {

    @Inject
    Catalogue catalogue;
    @Inject
    Users users;
    @Inject
    Profiles profiles;
    @Inject
    Memberships memberships;
    @Inject
    Recordings recordings;

    Profile band;
    User member;
    User stranger;
    List<Recording> newestFirst;

    @BeforeEach
    void seed() {
        band = profiles.create(profile("band"));
        member = users.provision(new Email("member@example.com"), at(0));
        stranger = users.provision(new Email("stranger@example.com"), at(0));
        memberships.grant(new Membership(member.id(), band.id(), at(0)));
        Recording a = recordings.save(recording(band.id(), "a", at(1), fourStems()));
        Recording b = recordings.save(recording(band.id(), "b", at(3), List.of()));
        Recording c = recordings.save(recording(band.id(), "c", at(2), fourStems()));
        newestFirst = List.of(b, c, a);
    }

    Listing list(UserId user, Set<Email> admins, Integer limit) {
        return catalogue.recordings(user, admins, band.name(), null, limit);
    }

    @Test
    void a_member_lists_the_recordings_with_their_stems_newest_first() {
        Listing listing = list(member.id(), Set.of(), null);
        assertTrue(listing.userExists());
        assertEquals(newestFirst, listing.page().recordings());
        assertNull(listing.page().next());
    }

    @Test
    void a_stranger_sees_no_page_and_a_missing_user_is_said_to_be_missing() {
        Listing strangers = list(stranger.id(), Set.of(), null);
        assertTrue(strangers.userExists());
        assertNull(strangers.page());
        Listing nobody = list(UserId.random(), Set.of(), null);
        assertFalse(nobody.userExists());
        assertNull(nobody.page());
    }

    @Test
    void admins_by_role_or_by_configured_email_see_every_profile() {
        users.changeRole(stranger.id(), Role.ADMIN);
        assertEquals(newestFirst, list(stranger.id(), Set.of(), null).page().recordings());
        User boss = users.provision(new Email("boss@example.com"), at(0));
        assertNull(list(boss.id(), Set.of(), null).page());
        assertEquals(newestFirst, list(boss.id(), Set.of(new Email("boss@example.com")), null).page().recordings());
    }

    @Test
    void pages_continue_after_their_position_and_the_last_has_no_next() {
        Listing first = list(member.id(), Set.of(), 2);
        assertEquals(newestFirst.subList(0, 2), first.page().recordings());
        Listing second = catalogue.recordings(member.id(), Set.of(), band.name(), first.page().next(), 2);
        assertEquals(newestFirst.subList(2, 3), second.page().recordings());
        assertNull(second.page().next());
    }

    @Test
    void the_profile_and_one_recording_answer_only_to_those_who_may_see_them() {
        assertEquals(band, catalogue.profile(new Viewer(member.id(), false), band.name()).orElseThrow());
        assertTrue(catalogue.profile(new Viewer(stranger.id(), false), band.name()).isEmpty());
        assertTrue(catalogue.profile(new Viewer(stranger.id(), true), band.name()).isPresent());
        Recording c = newestFirst.get(1);
        assertEquals(c, catalogue.recording(new Viewer(member.id(), false), band.name(), c.outputName()).orElseThrow());
        assertTrue(catalogue.recording(new Viewer(stranger.id(), false), band.name(), c.outputName()).isEmpty());
    }
}
