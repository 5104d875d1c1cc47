package org.stemvault.application.signin;

import java.time.Clock;
import java.util.Optional;
import org.stemvault.application.Principal;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;

/** Admits or refuses a verified login and upserts its user; resolves the principal of a session. */
public final class SignIn {

    private final Users users;
    private final Memberships memberships;
    private final Admission admission;
    private final Clock clock;

    public SignIn(Users users, Memberships memberships, Admission admission, Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.admission = admission;
        this.clock = clock;
    }

    /**
     * Admits the identity and creates or refreshes its user in one statement; a refusal writes
     * nothing.
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
        User user = users.signedIn(email, identity.name(), identity.pictureUrl(), clock.instant());
        return new SignInResult.Admitted(principalOf(user));
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

    /** The principal of a session's user as stored now; empty when the user no longer exists. */
    public Optional<Principal> principal(UserId id) {
        return users.byId(id).map(this::principalOf);
    }

    private Principal principalOf(User user) {
        return new Principal(
                user.id(),
                user.email(),
                user.name(),
                user.pictureUrl(),
                user.isAdmin() || admission.isBootstrapAdmin(user.email()));
    }
}
