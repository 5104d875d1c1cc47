package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;
import static org.stemvault.application.contracts.Fixtures.fourStems;
import static org.stemvault.application.contracts.Fixtures.profile;
import static org.stemvault.application.contracts.Fixtures.recording;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.application.fakes.Ports;
import org.stemvault.domain.analysis.Feel;
import org.stemvault.domain.analysis.MusicalKey;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Current;
import org.stemvault.domain.library.Known;
import org.stemvault.domain.library.Listing;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingStatus;
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
        return catalogue.files(viewer, band.name(), null, limit, Known.NOTHING);
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
    void a_feel_that_asks_for_a_tempo_or_key_passes_over_recordings_not_analysed() {
        assertEquals(
                newestFirst,
                page(catalogue.files(
                                viewer(member), band.name(), null, null, Known.NOTHING, Feel.ANY))
                        .recordings());
        for (Feel feel :
                List.of(
                        new Feel(60.0, null, null),
                        new Feel(null, 200.0, null),
                        new Feel(null, null, List.of(MusicalKey.parse("key", "A minor"))))) {
            Listing.Page page =
                    page(
                            catalogue.files(
                                    viewer(member), band.name(), null, null, Known.NOTHING, feel));
            assertEquals(List.of(), page.recordings(), feel.toString());
            assertEquals(page(list(member, null)).version(), page.version());
        }
        assertInstanceOf(
                Listing.NotVisible.class,
                catalogue.files(
                        viewer(stranger),
                        band.name(),
                        null,
                        null,
                        Known.NOTHING,
                        new Feel(60.0, null, null)));
    }

    @Test
    void a_stranger_is_told_the_profile_is_not_visible_and_a_missing_user_that_it_is_missing() {
        assertInstanceOf(Listing.NotVisible.class, list(stranger, null));
        assertInstanceOf(
                Listing.NotVisible.class,
                catalogue.files(
                        viewer(member),
                        new ProfileName("no-such-band"),
                        null,
                        null,
                        Known.NOTHING));
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
    void a_viewer_is_known_while_the_session_is_open_and_the_user_exists() {
        Viewer session = viewer(stranger);
        assertTrue(catalogue.known(session), "known without any membership");
        assertTrue(!catalogue.known(new Viewer(UserId.random(), SessionId.random())));
        assertTrue(!catalogue.known(new Viewer(member.id(), session.session())), "borrowed");
        assertTrue(sessions.end(session.session(), stranger.id()));
        assertTrue(!catalogue.known(session), "ended");
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
        Listing.Page second =
                page(catalogue.files(viewer(member), band.name(), first.next(), 2, Known.NOTHING));
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

    long version() {
        return page(list(member, null)).version();
    }

    Listing listKnowing(long version) {
        return catalogue.files(
                viewer(member), band.name(), null, null, new Known(Set.of(version), false));
    }

    @Test
    void a_caller_holding_the_current_version_is_told_only_that_after_the_same_checks() {
        long v = version();
        assertEquals(new Listing.Unchanged(v), listKnowing(v));
        assertEquals(
                new Listing.Unchanged(v),
                catalogue.files(viewer(member), band.name(), null, 1, new Known(Set.of(), true)));
        assertEquals(v, page(listKnowing(v + 1)).version());
        assertInstanceOf(
                Listing.NotVisible.class,
                catalogue.files(
                        viewer(stranger), band.name(), null, null, new Known(Set.of(v), true)));
        Recording c = newestFirst.get(1);
        Known held = new Known(Set.of(v), false);
        assertEquals(
                Optional.of(new Current.Unchanged<Recording>(v)),
                catalogue.file(viewer(member), band.name(), c.outputName(), held));
        assertEquals(
                Optional.of(new Current.Read<>(c, v)),
                catalogue.file(viewer(member), band.name(), c.outputName(), Known.NOTHING));
        assertTrue(
                catalogue.file(viewer(member), band.name(), new OutputName("zzz"), held).isEmpty());
        assertTrue(catalogue.file(viewer(stranger), band.name(), c.outputName(), held).isEmpty());
        Viewer session = viewer(member);
        assertTrue(memberships.revoke(member.id(), band.id()));
        assertInstanceOf(
                Listing.NotVisible.class, catalogue.files(session, band.name(), null, null, held));
        assertTrue(catalogue.file(session, band.name(), c.outputName(), held).isEmpty());
    }

    @Test
    void every_change_to_what_the_list_shows_is_a_new_version_and_nothing_else_is() {
        long v0 = version();
        profiles.create(profile("elsewhere"));
        recordings.save(recording(attic.id(), "attic-take", at(9), fourStems()));
        assertEquals(v0, version(), "other profiles' changes leave it alone");

        Recording c = newestFirst.get(1);
        recordings.save(
                new Recording(
                        c.id(),
                        c.profile(),
                        c.outputName(),
                        "Renamed",
                        c.description(),
                        c.audioFile(),
                        c.createdAt(),
                        at(10),
                        c.stems()));
        long v1 = assertChanged(v0);

        Recording b = newestFirst.get(0);
        recordings.save(
                new Recording(
                        b.id(),
                        b.profile(),
                        b.outputName(),
                        b.displayName(),
                        b.description(),
                        b.audioFile(),
                        b.createdAt(),
                        b.updatedAt(),
                        List.of(Fixtures.stem("vocals", -20.0))));
        long v2 = assertChanged(v1);

        Label room = Label.create(LabelKind.LOCATION, band.id(), "Room", at(11));
        labels.create(room);
        assertTrue(recordings.setDetails(b.id(), room.id(), null, at(12)));
        long v3 = assertChanged(v2);
        assertTrue(labels.rename(LabelKind.LOCATION, room.id(), "Big room", at(13)));
        long v4 = assertChanged(v3);
        assertTrue(recordings.setStatus(b.id(), RecordingStatus.PROCESSING));
        long v5 = assertChanged(v4);

        recordings.save(recording(band.id(), "d", at(14), List.of()));
        long v6 = assertChanged(v5);
        assertTrue(recordings.delete(band.id(), new OutputName("d")));
        long v7 = assertChanged(v6);

        Profile renamed =
                new Profile(
                        band.id(),
                        new ProfileName("the-band"),
                        band.sourceFolder(),
                        band.strategyName(),
                        band.createdAt());
        assertTrue(profiles.update(renamed));
        long v8 =
                page(catalogue.files(viewer(member), renamed.name(), null, null, Known.NOTHING))
                        .version();
        assertNotEquals(v7, v8);
    }

    private long assertChanged(long before) {
        long now = version();
        assertNotEquals(before, now);
        assertInstanceOf(Listing.Page.class, listKnowing(before));
        assertEquals(new Listing.Unchanged(now), listKnowing(now));
        return now;
    }

    @Test
    void media_access_is_granted_to_those_who_see_the_recording_and_refused_alike_otherwise() {
        OutputName c = newestFirst.get(1).outputName();
        assertEquals(
                Catalogue.Access.GRANTED, catalogue.mediaAccess(viewer(member), band.name(), c));
        assertEquals(
                Catalogue.Access.NOT_FOUND,
                catalogue.mediaAccess(viewer(stranger), band.name(), c));
        assertEquals(
                Catalogue.Access.NOT_FOUND,
                catalogue.mediaAccess(viewer(member), band.name(), new OutputName("zzz")));
        assertEquals(
                Catalogue.Access.NOT_FOUND,
                catalogue.mediaAccess(viewer(member), new ProfileName("nope"), c));
        Viewer session = viewer(member);
        assertTrue(sessions.end(session.session(), member.id()));
        assertEquals(
                Catalogue.Access.UNKNOWN_VIEWER, catalogue.mediaAccess(session, band.name(), c));
        users.changeRole(stranger.id(), Role.ADMIN);
        assertEquals(
                Catalogue.Access.GRANTED, catalogue.mediaAccess(viewer(stranger), band.name(), c));
    }
}
