package org.stemvault.application.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Principal;
import org.stemvault.application.fakes.InMemoryWorld;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.Users;

class SignInTest {

    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    final InMemoryWorld world = new InMemoryWorld();
    final Users users = world.users();
    final Memberships memberships = world.memberships();

    SignIn signIn(Admission admission) {
        return new SignIn(
                users,
                memberships,
                world.sessions(),
                admission,
                world.transactions(),
                Duration.ofDays(7),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static Admission admission(Admission.Mode mode) {
        return new Admission(
                mode,
                Set.of(" Ada@Example.com "),
                Set.of("Band.example"),
                Set.of("Boss@Example.com"));
    }

    static Identity verified(String email) {
        return new Identity(email, true, "Name", null);
    }

    static String refusal(SignInResult result) {
        return assertInstanceOf(SignInResult.Refused.class, result).reason();
    }

    static Principal admitted(SignInResult result) {
        return assertInstanceOf(SignInResult.Admitted.class, result).principal();
    }

    @Test
    void an_unverified_email_is_refused_and_nothing_is_written() {
        assertEquals(
                "email_not_verified",
                refusal(
                        signIn(admission(Admission.Mode.OPEN))
                                .signIn(new Identity("ada@example.com", false, "Ada", null))));
        assertTrue(users.all().isEmpty());
    }

    @Test
    void an_identity_without_an_email_is_refused() {
        assertEquals(
                "no_email", refusal(signIn(admission(Admission.Mode.OPEN)).signIn(verified(null))));
        assertTrue(users.all().isEmpty());
    }

    @Test
    void open_admission_admits_every_verified_email_and_upserts_its_user() {
        Principal p =
                admitted(
                        signIn(admission(Admission.Mode.OPEN))
                                .signIn(verified("Someone@Elsewhere.org")));
        assertEquals(new Email("someone@elsewhere.org"), p.email());
        assertEquals(NOW, users.byEmail(p.email()).orElseThrow().lastLoginAt());
        assertFalse(p.admin());
    }

    @Test
    void a_claimed_name_is_kept_without_control_characters_and_within_its_length() {
        SignIn signIn = signIn(admission(Admission.Mode.OPEN));
        String picture = "https://example.com/p.png";
        Principal p =
                admitted(
                        signIn.signIn(
                                new Identity(
                                        "ada@example.com",
                                        true,
                                        " Ada\nLovelace\u0000\u0085\t ",
                                        picture + "\r\n")));
        User ada = users.byEmail(p.email()).orElseThrow();
        assertEquals("Ada Lovelace", ada.name());
        assertEquals(null, ada.pictureUrl());

        String emoji = "\uD83C\uDFB8"; // a guitar: one code point, two UTF-16 units
        String longName = "a".repeat(User.NAME_LENGTH - 1) + emoji + "tail";
        Principal q =
                admitted(signIn.signIn(new Identity("bob@example.com", true, longName, picture)));
        User bob = users.byEmail(q.email()).orElseThrow();
        assertEquals("a".repeat(User.NAME_LENGTH - 1), bob.name());
        assertEquals(picture, bob.pictureUrl());

        Principal r =
                admitted(
                        signIn.signIn(
                                new Identity(
                                        "cy@example.com",
                                        true,
                                        "\u0001\u0002",
                                        "https://example.com/"
                                                + "x".repeat(User.PICTURE_URL_LENGTH))));
        User cy = users.byEmail(r.email()).orElseThrow();
        assertEquals(null, cy.name());
        assertEquals(null, cy.pictureUrl());
    }

    @Test
    void the_allowlist_admits_listed_emails_and_domains_whatever_their_case_and_refuses_the_rest() {
        SignIn signIn = signIn(admission(Admission.Mode.ALLOWLIST));
        admitted(signIn.signIn(verified("ADA@example.com")));
        admitted(signIn.signIn(verified("drummer@BAND.example")));
        assertEquals("not_allowed", refusal(signIn.signIn(verified("eve@example.com"))));
        assertEquals("not_allowed", refusal(signIn.signIn(verified("eve@sub.band.example"))));
        assertEquals(2, users.all().size(), "a refusal writes no user");
    }

    @Test
    void members_only_admits_users_with_a_membership_and_admins_and_refuses_everyone_else() {
        SignIn signIn = signIn(admission(Admission.Mode.MEMBERS_ONLY));
        User granted = users.provision(new Email("granted@example.com"), NOW);
        memberships.grant(new Membership(granted.id(), ProfileId.random(), NOW));
        User promoted = users.provision(new Email("admin@example.com"), NOW);
        users.changeRole(promoted.id(), Role.ADMIN);
        users.provision(new Email("nothing@example.com"), NOW);

        Principal member = admitted(signIn.signIn(verified("granted@example.com")));
        assertEquals(granted.id(), member.id(), "the first login fills in the provisioned user");
        assertTrue(admitted(signIn.signIn(verified("admin@example.com"))).admin());
        assertEquals("not_allowed", refusal(signIn.signIn(verified("nothing@example.com"))));
        assertEquals("not_allowed", refusal(signIn.signIn(verified("stranger@example.com"))));
        assertTrue(users.byEmail(new Email("stranger@example.com")).isEmpty());
    }

    @Test
    void a_configured_admin_email_is_always_admitted_and_always_an_admin() {
        SignIn signIn = signIn(admission(Admission.Mode.MEMBERS_ONLY));
        Principal boss = admitted(signIn.signIn(verified("boss@example.com")));
        assertTrue(boss.admin());
        assertTrue(signIn.principal(boss.viewer()).orElseThrow().admin());
    }

    @Test
    void a_deleted_users_session_has_no_principal() {
        SignIn signIn = signIn(admission(Admission.Mode.OPEN));
        Principal p = admitted(signIn.signIn(verified("gone@example.com")));
        world.deleteUser(p.id());
        assertTrue(signIn.principal(p.viewer()).isEmpty());
    }

    @Test
    void each_sign_in_opens_its_own_session_and_signing_out_ends_only_that_one() {
        SignIn signIn = signIn(admission(Admission.Mode.OPEN));
        Principal laptop = admitted(signIn.signIn(verified("ada@example.com")));
        Principal phone = admitted(signIn.signIn(verified("ada@example.com")));
        assertEquals(laptop.id(), phone.id());
        assertNotEquals(laptop.session(), phone.session());
        assertEquals(1, signIn.signOut(laptop.viewer(), false));
        assertTrue(signIn.principal(laptop.viewer()).isEmpty());
        assertEquals(phone, signIn.principal(phone.viewer()).orElseThrow());
        assertEquals(0, signIn.signOut(laptop.viewer(), false), "an ended session ends nothing");
    }

    @Test
    void signing_out_everywhere_ends_every_session_of_that_user_alone() {
        SignIn signIn = signIn(admission(Admission.Mode.OPEN));
        Principal laptop = admitted(signIn.signIn(verified("ada@example.com")));
        Principal phone = admitted(signIn.signIn(verified("ada@example.com")));
        Principal other = admitted(signIn.signIn(verified("bob@example.com")));
        assertEquals(2, signIn.signOut(phone.viewer(), true));
        assertTrue(signIn.principal(laptop.viewer()).isEmpty());
        assertTrue(signIn.principal(phone.viewer()).isEmpty());
        assertTrue(signIn.principal(other.viewer()).isPresent());
    }

    @Test
    void an_ended_sessions_token_cannot_sign_the_user_out_everywhere() {
        SignIn signIn = signIn(admission(Admission.Mode.OPEN));
        Principal old = admitted(signIn.signIn(verified("ada@example.com")));
        signIn.signOut(old.viewer(), false);
        Principal current = admitted(signIn.signIn(verified("ada@example.com")));
        assertEquals(0, signIn.signOut(old.viewer(), true));
        assertTrue(signIn.principal(current.viewer()).isPresent());
    }

    @Test
    void a_refused_sign_in_opens_no_session() {
        SignIn signIn = signIn(admission(Admission.Mode.ALLOWLIST));
        refusal(signIn.signIn(verified("eve@example.com")));
        Principal ada = admitted(signIn.signIn(verified("ada@example.com")));
        assertEquals(1, world.sessions().endAll(ada.id()));
    }
}
