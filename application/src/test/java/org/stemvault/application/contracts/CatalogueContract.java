package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;
import static org.stemvault.application.contracts.Fixtures.fourStems;
import static org.stemvault.application.contracts.Fixtures.profile;
import static org.stemvault.application.contracts.Fixtures.recording;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.application.fakes.Ports;
import org.stemvault.domain.library.Listing;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;

public abstract class CatalogueContract extends PortsContract {

    Profile band;
    Profile attic;
    User member;
    User stranger;
    List<Recording> newestFirst;

    @BeforeEach
    void seed() {
        band = profiles.create(profile("band"));
        attic = profiles.create(profile("attic"));
        member = users.provision(new Email("member@example.com"), at(0));
        stranger = users.provision(new Email("stranger@example.com"), at(0));
        memberships.grant(new Membership(member.id(), band.id(), at(0)));
        Recording a = recordings.save(recording(band.id(), "a", at(1), fourStems()));
        Recording b = recordings.save(recording(band.id(), "b", at(3), List.of()));
        Recording c = recordings.save(recording(band.id(), "c", at(2), fourStems()));
        newestFirst = List.of(b, c, a);
    }

    Listing list(User user, Integer limit) {
        return list(viewer(user), limit);
    }

    Listing list(Viewer viewer, Integer limit) {
        return catalogue.files(viewer, band.name(), null, limit);
    }

    static Listing.Page page(Listing listing) {
        return assertInstanceOf(Listing.Page.class, listing);
    }

    @Test
    void a_member_lists_the_recordings_with_their_stems_newest_first() {
        Listing.Page page = page(list(member, null));
        assertEquals(newestFirst, page.recordings());
        assertNull(page.next());
        assertEquals(List.of(band), catalogue.profiles(viewer(member)));
    }

    @Test
    void a_stranger_is_told_the_profile_is_not_visible_and_a_missing_user_that_it_is_missing() {
        assertInstanceOf(Listing.NotVisible.class, list(stranger, null));
        assertInstanceOf(
                Listing.NotVisible.class,
                catalogue.files(viewer(member), new ProfileName("no-such-band"), null, null));
        assertInstanceOf(
                Listing.UnknownViewer.class,
                list(new Viewer(UserId.random(), SessionId.random()), null));
        assertEquals(List.of(), catalogue.profiles(viewer(stranger)));
    }

    @Test
    void a_session_that_ended_or_is_another_users_sees_nothing() {
        Viewer session = viewer(member);
        assertTrue(sessions.end(session.session(), member.id()));
        assertInstanceOf(Listing.UnknownViewer.class, list(session, null));
        assertTrue(catalogue.profile(session, band.name()).isEmpty());
        assertEquals(List.of(), catalogue.profiles(session));
        Viewer strangers = viewer(stranger);
        Viewer borrowed = new Viewer(member.id(), strangers.session());
        assertInstanceOf(Listing.UnknownViewer.class, list(borrowed, null));
        assertInstanceOf(Listing.Page.class, list(member, null));
    }

    @Test
    void admins_by_role_or_by_configured_email_see_every_profile() {
        users.changeRole(stranger.id(), Role.ADMIN);
        assertEquals(newestFirst, page(list(stranger, null)).recordings());
        assertEquals(List.of(attic, band), catalogue.profiles(viewer(stranger)));
        User boss = users.provision(new Email(Ports.CONFIGURED_ADMIN), at(0));
        assertEquals(newestFirst, page(list(boss, null)).recordings());
        assertTrue(catalogue.profile(viewer(boss), attic.name()).isPresent());
    }

    @Test
    void pages_continue_after_their_position_and_the_last_has_no_next() {
        Listing.Page first = page(list(member, 2));
        assertEquals(newestFirst.subList(0, 2), first.recordings());
        Listing.Page second = page(catalogue.files(viewer(member), band.name(), first.next(), 2));
        assertEquals(newestFirst.subList(2, 3), second.recordings());
        assertNull(second.next());
    }

    @Test
    void the_profile_and_one_recording_answer_only_to_those_who_may_see_them() {
        assertEquals(band, catalogue.profile(viewer(member), band.name()).orElseThrow());
        assertTrue(catalogue.profile(viewer(stranger), band.name()).isEmpty());
        assertTrue(catalogue.profile(viewer(stranger), attic.name()).isEmpty());
        Recording c = newestFirst.get(1);
        assertEquals(
                c, catalogue.recording(viewer(member), band.name(), c.outputName()).orElseThrow());
        assertTrue(catalogue.recording(viewer(stranger), band.name(), c.outputName()).isEmpty());
    }
}
