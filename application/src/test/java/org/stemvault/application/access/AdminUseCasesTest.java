package org.stemvault.application.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Principal;
import org.stemvault.application.fakes.World;
import org.stemvault.application.signin.Admin;
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

class AdminUseCasesTest {

    final World world = new World();
    final Workers workers =
            new Workers(world.ports.workerTokens(), token -> "signed:" + token.id(), world.clock);
    final ProfileAdmin profiles =
            new ProfileAdmin(
                    world.ports.profiles(),
                    world.ports.memberships(),
                    world.ports.recordings(),
                    world.ports.audioFiles(),
                    world.ports.mediaDeletions(),
                    world.ports.auditLog(),
                    world.ports.transactions(),
                    world.clock);
    final MembershipAdmin memberships =
            new MembershipAdmin(
                    world.ports.users(),
                    world.ports.profiles(),
                    world.ports.memberships(),
                    world.ports.auditLog(),
                    world.ports.transactions(),
                    world.clock);
    final UserAdmin users =
            new UserAdmin(
                    world.ports.users(),
                    world.ports.sessions(),
                    world.ports.auditLog(),
                    world.ports.transactions(),
                    world.clock);
    final WorkerTokenAdmin tokens =
            new WorkerTokenAdmin(
                    workers, world.ports.auditLog(), world.ports.transactions(), world.clock);
    final AuditTrail trail = new AuditTrail(world.ports.auditLog());
    final Admin boss = Admin.of(world.principal(world.admin("boss@example.com")));
    final Profile band = world.profile("band");

    List<String> audit() {
        return trail.entries(boss, null, null, null, null, 100).stream()
                .map(e -> e.action() + " " + e.target() + " " + e.profile())
                .toList();
    }

    @Test
    void only_admins_manage_access() {
        User member = world.user("member@example.com");
        assertThrows(Forbidden.class, () -> Admin.of(world.principal(member)));
    }

    @Test
    void a_grant_before_the_first_login_provisions_the_user_and_is_audited_once() {
        assertTrue(memberships.grant(boss, "band", "New@Example.com"));
        assertFalse(
                memberships.grant(boss, "band", "new@example.com"),
                "a repeated grant changes nothing");
        User provisioned = world.ports.users().byEmail(new Email("new@example.com")).orElseThrow();
        assertEquals(null, provisioned.lastLoginAt());
        assertEquals(List.of("grant new@example.com band"), audit());
        assertEquals(
                List.of("new@example.com"),
                memberships.members(boss, "band").stream()
                        .map(m -> m.user().email().value())
                        .toList());
    }

    @Test
    void a_revoke_of_someone_who_was_no_member_leaves_no_audit_entry() {
        assertFalse(memberships.revoke(boss, "band", "nobody@example.com"));
        memberships.grant(boss, "band", "ada@example.com");
        assertTrue(memberships.revoke(boss, "band", "ada@example.com"));
        assertEquals(
                Set.of("revoke ada@example.com band", "grant ada@example.com band"),
                Set.copyOf(audit()));
        assertEquals(2, audit().size());
    }

    @Test
    void the_last_admin_cannot_be_demoted() {
        Conflict last =
                assertThrows(
                        Conflict.class, () -> users.setRole(boss, "boss@example.com", Role.MEMBER));
        assertTrue(last.getMessage().contains("last admin"));
        users.setRole(boss, "second@example.com", Role.ADMIN);
        users.setRole(boss, "boss@example.com", Role.MEMBER);
        assertFalse(
                world.ports.users().byEmail(new Email("boss@example.com")).orElseThrow().isAdmin());
    }

    @Test
    void a_profile_with_recordings_is_deleted_only_with_force_and_then_with_everything() {
        world.take(band, "take-1", 0);
        assertThrows(Conflict.class, () -> profiles.delete(boss, "band", false));
        assertEquals(
                1, world.ports.recordings().countOf(band.id()), "a refused delete changes nothing");
        assertTrue(world.ports.mediaDeletions().pending().isEmpty());
        profiles.delete(boss, "band", true);
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
        assertThrows(Conflict.class, () -> profiles.edit(boss, "band", "attic", null, null));
        assertEquals(List.of(), audit());
        assertTrue(world.ports.profiles().byName(band.name()).isPresent());
    }

    @Test
    void unknown_and_unnamable_profiles_are_not_found() {
        assertThrows(
                NotFound.class, () -> memberships.grant(boss, "no-such-band", "a@example.com"));
        assertThrows(NotFound.class, () -> memberships.members(boss, "../x"));
        assertThrows(Invalid.class, () -> memberships.grant(boss, "band", "not an email"));
    }

    @Test
    void an_admin_ends_every_session_of_a_user_audited_once_and_not_for_an_empty_revoke() {
        User ada = world.user("ada@example.com");
        Principal laptop = world.principal(ada);
        Principal phone = world.principal(ada);
        Principal bosses = world.principal(world.admin("boss@example.com"));
        assertEquals(2, users.endSessions(boss, "ADA@example.com"));
        assertTrue(world.ports.sessions().user(laptop.session(), ada.id()).isEmpty());
        assertTrue(world.ports.sessions().user(phone.session(), ada.id()).isEmpty());
        assertTrue(world.ports.sessions().user(bosses.session(), bosses.id()).isPresent());
        assertEquals(0, users.endSessions(boss, "ada@example.com"));
        assertEquals(List.of("sessions.revoke ada@example.com null"), audit());
        assertThrows(NotFound.class, () -> users.endSessions(boss, "nobody@example.com"));
        assertThrows(Invalid.class, () -> users.endSessions(boss, "not an email"));
    }

    @Test
    void worker_tokens_are_minted_within_their_limit_and_revoked_once() {
        Workers.Minted minted = tokens.mint(boss, "scanner", Duration.ofDays(30));
        assertEquals("signed:" + minted.token().id(), minted.bearer());
        assertThrows(Invalid.class, () -> tokens.mint(boss, "x", Duration.ofDays(400)));
        tokens.revoke(boss, minted.token().id());
        assertThrows(NotFound.class, () -> tokens.revoke(boss, minted.token().id()));
        assertTrue(workers.active(minted.token().id()).isEmpty());
    }

    @Test
    void the_audit_log_pages_newest_first_after_a_position() {
        for (String email : List.of("a@example.com", "b@example.com", "c@example.com")) {
            memberships.grant(boss, "band", email);
        }
        List<AuditEntry> first = trail.entries(boss, "band", null, null, null, 2);
        AuditEntry last = first.get(1);
        List<AuditEntry> rest =
                trail.entries(boss, "band", null, null, new Position(last.at(), last.id()), 2);
        assertEquals(3, first.size() + rest.size());
        assertTrue(rest.stream().noneMatch(first::contains));
        assertThrows(Invalid.class, () -> trail.entries(boss, null, null, null, null, 0));
    }
}
