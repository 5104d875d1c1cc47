package org.stemvault.application.access;

import java.time.Clock;
import org.stemvault.application.Transactions;
import org.stemvault.application.signin.Admin;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.audit.AuditLog;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.Sessions;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.Users;

/** Admins decide who else is an admin, and end a user's sessions. */
public final class UserAdmin {

    private final Users users;
    private final Sessions sessions;
    private final AuditRecord audit;
    private final Transactions transactions;
    private final Clock clock;

    public UserAdmin(
            Users users,
            Sessions sessions,
            AuditLog audit,
            Transactions transactions,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.audit = new AuditRecord(audit, clock);
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Makes the user with this email an admin or a member; the last admin cannot be demoted. */
    public void setRole(Admin admin, String email, Role role) {
        transactions.inTransaction(
                () -> {
                    User user =
                            role == Role.ADMIN
                                    ? users.provision(new Email(email), clock.instant())
                                    : users.byEmail(new Email(email))
                                            .orElseThrow(() -> new NotFound("no such user"));
                    boolean changed;
                    if (role == Role.ADMIN) {
                        changed = !user.isAdmin() && users.changeRole(user.id(), Role.ADMIN);
                    } else {
                        Users.Demotion demotion = users.demoteUnlessLastAdmin(user.id());
                        if (demotion == Users.Demotion.LAST_ADMIN) {
                            throw new Conflict(
                                    "the last admin cannot be demoted: promote another first");
                        }
                        changed = demotion == Users.Demotion.DEMOTED;
                    }
                    if (changed) {
                        audit.write(
                                admin,
                                role == Role.ADMIN ? "role.admin" : "role.member",
                                user.email().value(),
                                null,
                                null);
                    }
                    return null;
                });
    }

    /**
     * Ends every session of the user with this email: each of their tokens is refused from its very
     * next request. Answers how many sessions were open; {@link NotFound} for an unknown email.
     */
    public int endSessions(Admin admin, String email) {
        return transactions.inTransaction(
                () -> {
                    User user =
                            users.byEmail(new Email(email))
                                    .orElseThrow(() -> new NotFound("no such user"));
                    int ended = sessions.endAll(user.id());
                    if (ended > 0) {
                        audit.write(
                                admin,
                                "sessions.revoke",
                                user.email().value(),
                                null,
                                "sessions=" + ended);
                    }
                    return ended;
                });
    }
}
