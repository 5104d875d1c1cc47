package org.stemvault.application.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Session;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.Sessions;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.Users;

/**
 * Admits or refuses a verified login, upserts its user and opens its session; resolves the
 * principal of a session; ends sessions when their user signs out.
 */
public final class SignIn {

    private final Users users;
    private final Memberships memberships;
    private final Sessions sessions;
    private final Admission admission;
    private final Transactions transactions;
    private final Duration sessionLifetime;
    private final Clock clock;

    public SignIn(
            Users users,
            Memberships memberships,
            Sessions sessions,
            Admission admission,
            Transactions transactions,
            Duration sessionLifetime,
            Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.sessions = sessions;
        this.admission = admission;
        this.transactions = transactions;
        this.sessionLifetime = sessionLifetime;
        this.clock = clock;
    }

    /**
     * Admits the identity, creates or refreshes its user and opens a session for it, in one
     * transaction; a refusal writes nothing.
     */
    public SignInResult signIn(Identity identity) {
        if (!identity.emailVerified()) {
            return new SignInResult.Refused("email_not_verified");
        }
        Email email;
        try {
            email = new Email(identity.email());
        } catch (Invalid e) {
            return new SignInResult.Refused("no_email");
        }
        if (!admitted(email)) {
            return new SignInResult.Refused("not_allowed");
        }
        Instant now = clock.instant();
        Email admitted = email;
        return transactions.inTransaction(
                () -> {
                    User user =
                            users.signedIn(
                                    admitted,
                                    User.claimedName(identity.name()),
                                    User.claimedPictureUrl(identity.pictureUrl()),
                                    now);
                    Session session = Session.open(user.id(), now, sessionLifetime);
                    sessions.open(session);
                    return new SignInResult.Admitted(principalOf(user, session.id()));
                });
    }

    private boolean admitted(Email email) {
        if (admission.isBootstrapAdmin(email)) {
            return true;
        }
        return switch (admission.mode()) {
            case OPEN -> true;
            case ALLOWLIST -> admission.listed(email);
            case MEMBERS_ONLY ->
                    users.byEmail(email)
                            .map(u -> u.isAdmin() || !memberships.ofUser(u.id()).isEmpty())
                            .orElse(false);
        };
    }

    /**
     * The principal of a session as stored now; empty when the session has ended or its user no
     * longer exists.
     */
    public Optional<Principal> principal(Viewer session) {
        return sessions.user(session.session(), session.user())
                .map(user -> principalOf(user, session.session()));
    }

    /**
     * Ends the session (logout), or with {@code everywhere} every session of its user, provided the
     * session is still open: an ended session's token can end nothing. Answers how many ended.
     */
    public int signOut(Viewer session, boolean everywhere) {
        return transactions.inTransaction(
                () -> {
                    if (!sessions.end(session.session(), session.user())) {
                        return 0;
                    }
                    return 1 + (everywhere ? sessions.endAll(session.user()) : 0);
                });
    }

    private Principal principalOf(User user, SessionId session) {
        return new Principal(
                user.id(),
                session,
                user.email(),
                user.name(),
                user.pictureUrl(),
                user.isAdmin() || admission.isBootstrapAdmin(user.email())
                        ? new Admin(user.email().value())
                        : null);
    }

    /**
     * The operator at the server's command line, who acts as an admin: whoever can run the
     * service's commands holds its database already.
     */
    public Admin operator() {
        return new Admin("cli");
    }
}
