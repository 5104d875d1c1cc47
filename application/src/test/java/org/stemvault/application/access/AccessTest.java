package org.stemvault.application.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Principal;
import org.stemvault.application.fakes.World;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Position;
import org.stemvault.domain.audit.AuditEntry;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.User;

class AccessTest {

    final World world = new World();
    final Workers workers =
            new Workers(world.ports.workerTokens(), token -> "signed:" + token.id(), world.clock);
    final Access access =
            new Access(
                    world.ports.users(),
                    world.ports.profiles(),
                    world.ports.memberships(),
                    world.ports.recordings(),
                    world.ports.audioFiles(),
                    world.ports.auditLog(),
                    workers,
                    world.ports.sessions(),
                    world.ports.mediaDeletions(),
                    world.ports.transactions(),
                    world.clock);
    final Access.Admin boss = Access.admin(world.principal(world.admin("boss@example.com")));
    final Profile band = world.profile("band");

    List<String> audit() {
        return access.audit(boss, null, null, null, null, 100).stream()
                .map(e -> e.action() + " " + e.target() + " " + e.profile())
                .toList();
    }

    @Test
    void only_admins_manage_access() {
        User member = world.user("member@example.com");
        assertThrows(Forbidden.class, () -> Access.admin(world.principal(member)));
    }

    @Test
    void a_grant_before_the_first_login_provisions_the_user_and_is_audited_once() {
        assertTrue(access.grant(boss, "band", "New@Example.com"));
        assertFalse(
                access.grant(boss, "band", "new@example.com"), "a repeated grant changes nothing");
        User provisioned = world.ports.users().byEmail(new Email("new@example.com")).orElseThrow();
        assertEquals(null, provisioned.lastLoginAt());
        assertEquals(List.of("grant new@example.com band"), audit());
        assertEquals(
                List.of("new@example.com"),
                access.members(boss, "band").stream().map(m -> m.user().email().value()).toList());
    }

    @Test
    void a_revoke_of_someone_who_was_no_member_leaves_no_audit_entry() {
        assertFalse(access.revoke(boss, "band", "nobody@example.com"));
        access.grant(boss, "band", "ada@example.com");
        assertTrue(access.revoke(boss, "band", "ada@example.com"));
        assertEquals(
                java.util.Set.of("revoke ada@example.com band", "grant ada@example.com band"),
                java.util.Set.copyOf(audit()));
        assertEquals(2, audit().size());
    }

    @Test
    void the_last_admin_cannot_be_demoted() {
        Conflict last =
                assertThrows(
                        Conflict.class,
                        () -> access.setRole(boss, "boss@example.com", Role.MEMBER));
        assertTrue(last.getMessage().contains("last admin"));
        access.setRole(boss, "second@example.com", Role.ADMIN);
        access.setRole(boss, "boss@example.com", Role.MEMBER);
        assertFalse(
                world.ports.users().byEmail(new Email("boss@example.com")).orElseThrow().isAdmin());
    }

    @Test
    void a_profile_with_recordings_is_deleted_only_with_force_and_then_with_everything() {
        world.take(band, "take-1", 0);
        assertThrows(Conflict.class, () -> access.deleteProfile(boss, "band", false));
        assertEquals(
                1, world.ports.recordings().countOf(band.id()), "a refused delete changes nothing");
        assertTrue(world.ports.mediaDeletions().pending().isEmpty());
        access.deleteProfile(boss, "band", true);
        assertTrue(world.ports.profiles().byName(band.name()).isEmpty());
        assertEquals(0, world.ports.recordings().countOf(band.id()));
        assertEquals(List.of("profile.delete null band"), audit());
        assertEquals(
                List.of("band", "inputs/band"),
                world.ports.mediaDeletions().pending().stream()
                        .map(org.stemvault.domain.media.MediaDeletion::folder)
                        .sorted()
                        .toList(),
                "its recordings' files and its sources are queued for removal");
    }

    @Test
    void a_change_that_fails_half_way_leaves_neither_the_change_nor_its_audit_entry() {
        world.profile("attic");
        assertThrows(Conflict.class, () -> access.editProfile(boss, "band", "attic", null, null));
        assertEquals(List.of(), audit());
        assertTrue(world.ports.profiles().byName(band.name()).isPresent());
    }

    @Test
    void unknown_and_unnamable_profiles_are_not_found() {
        assertThrows(NotFound.class, () -> access.grant(boss, "no-such-band", "a@example.com"));
        assertThrows(NotFound.class, () -> access.members(boss, "../x"));
        assertThrows(Invalid.class, () -> access.grant(boss, "band", "not an email"));
    }

    @Test
    void an_admin_ends_every_session_of_a_user_audited_once_and_not_for_an_empty_revoke() {
        User ada = world.user("ada@example.com");
        Principal laptop = world.principal(ada);
        Principal phone = world.principal(ada);
        Principal bosses = world.principal(world.admin("boss@example.com"));
        assertEquals(2, access.endSessions(boss, "ADA@example.com"));
        assertTrue(world.ports.sessions().user(laptop.session(), ada.id()).isEmpty());
        assertTrue(world.ports.sessions().user(phone.session(), ada.id()).isEmpty());
        assertTrue(world.ports.sessions().user(bosses.session(), bosses.id()).isPresent());
        assertEquals(0, access.endSessions(boss, "ada@example.com"));
        assertEquals(List.of("sessions.revoke ada@example.com null"), audit());
        assertThrows(NotFound.class, () -> access.endSessions(boss, "nobody@example.com"));
        assertThrows(Invalid.class, () -> access.endSessions(boss, "not an email"));
    }

    @Test
    void worker_tokens_are_minted_within_their_limit_and_revoked_once() {
        Workers.Minted minted = access.mintWorkerToken(boss, "scanner", Duration.ofDays(30));
        assertEquals("signed:" + minted.token().id(), minted.bearer());
        assertThrows(Invalid.class, () -> access.mintWorkerToken(boss, "x", Duration.ofDays(400)));
        access.revokeWorkerToken(boss, minted.token().id());
        assertThrows(NotFound.class, () -> access.revokeWorkerToken(boss, minted.token().id()));
        assertTrue(workers.active(minted.token().id()).isEmpty());
    }

    @Test
    void the_audit_log_pages_newest_first_after_a_position() {
        for (String email : List.of("a@example.com", "b@example.com", "c@example.com")) {
            access.grant(boss, "band", email);
        }
        List<AuditEntry> first = access.audit(boss, "band", null, null, null, 2);
        AuditEntry last = first.get(1);
        List<AuditEntry> rest =
                access.audit(boss, "band", null, null, new Position(last.at(), last.id()), 2);
        assertEquals(3, first.size() + rest.size());
        assertTrue(rest.stream().noneMatch(first::contains));
        assertThrows(Invalid.class, () -> access.audit(boss, null, null, null, null, 0));
    }
}
