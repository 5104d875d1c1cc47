package org.stemvault.application.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.stemvault.application.Principal;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.application.signin.Admins;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.Session;
import org.stemvault.domain.user.User;

/**
 * Seeding for use-case tests, over the in-memory ports: people, profiles, grants and takes, in a
 * few words. Time stands still at {@link Fixtures#T0} unless a test moves it.
 */
public final class World {

    public final InMemoryWorld ports = new InMemoryWorld();
    public final Clock clock = Clock.fixed(Fixtures.T0, ZoneOffset.UTC);

    public User user(String email) {
        return ports.users()
                .signedIn(
                        new Email(email),
                        email.substring(0, email.indexOf('@')),
                        null,
                        Fixtures.T0);
    }

    public User admin(String email) {
        User user = user(email);
        ports.users().changeRole(user.id(), Role.ADMIN);
        return ports.users().byId(user.id()).orElseThrow();
    }

    /** The user in a session of their own, opened now. */
    public Principal principal(User user) {
        Session session = Session.open(user.id(), now(), Duration.ofHours(1));
        ports.sessions().open(session);
        return new Principal(
                user.id(),
                session.id(),
                user.email(),
                user.name(),
                user.pictureUrl(),
                user.isAdmin() ? Admins.named(user.email().value()) : null);
    }

    public Profile profile(String name) {
        return ports.profiles().create(Fixtures.profile(name));
    }

    public void grant(User user, Profile profile) {
        ports.memberships().grant(new Membership(user.id(), profile.id(), Fixtures.T0));
    }

    /** A take with four stems, {@code secondsAfterT0} after the start of time. */
    public Recording take(Profile profile, String outputName, long secondsAfterT0) {
        return ports.recordings()
                .save(
                        Fixtures.recording(
                                profile.id(),
                                outputName,
                                Fixtures.at(secondsAfterT0),
                                Fixtures.fourStems()));
    }

    public List<Recording> takes(Profile profile, String... outputNames) {
        return java.util.stream.IntStream.range(0, outputNames.length)
                .mapToObj(i -> take(profile, outputNames[i], i))
                .toList();
    }

    public Instant now() {
        return clock.instant();
    }
}
