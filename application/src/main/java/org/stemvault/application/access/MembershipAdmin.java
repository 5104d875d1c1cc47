package org.stemvault.application.access;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.stemvault.application.Names;
import org.stemvault.application.Transactions;
import org.stemvault.application.signin.Admin;
import org.stemvault.domain.audit.AuditLog;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;

/**
 * The membership rule: admins decide who may see which profile. A grant or a revocation and its
 * audit entry are one transaction; a revocation counts from that user's very next request.
 */
public final class MembershipAdmin {

    /** A user with the names of the profiles they may see. */
    public record UserAccess(User user, List<ProfileName> profiles) {}

    /** A member of a profile, since when. */
    public record Member(User user, Instant grantedAt) {}

    private final Users users;
    private final Profiles profiles;
    private final Memberships memberships;
    private final AuditRecord audit;
    private final Transactions transactions;
    private final Clock clock;

    public MembershipAdmin(
            Users users,
            Profiles profiles,
            Memberships memberships,
            AuditLog audit,
            Transactions transactions,
            Clock clock) {
        this.users = users;
        this.profiles = profiles;
        this.memberships = memberships;
        this.audit = new AuditRecord(audit, clock);
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Every user with the profiles they may see. */
    public List<UserAccess> users(Admin admin) {
        Map<ProfileId, Profile> byId = new HashMap<>();
        profiles.all().forEach(p -> byId.put(p.id(), p));
        Map<UserId, List<ProfileName>> byUser =
                memberships.all().stream()
                        .collect(
                                Collectors.groupingBy(
                                        Membership::user,
                                        Collectors.mapping(
                                                m -> byId.get(m.profile()).name(),
                                                Collectors.toList())));
        return users.all().stream()
                .map(u -> new UserAccess(u, byUser.getOrDefault(u.id(), List.of())))
                .toList();
    }

    public List<Member> members(Admin admin, String profile) {
        Profile p = profile(profile);
        Map<UserId, User> byId =
                users.all().stream().collect(Collectors.toMap(User::id, Function.identity()));
        return memberships.ofProfile(p.id()).stream()
                .map(m -> new Member(byId.get(m.user()), m.grantedAt()))
                .toList();
    }

    /**
     * Grants by email, provisioning the user if they never signed in; true when the grant is new.
     */
    public boolean grant(Admin admin, String profile, String email) {
        return transactions.inTransaction(
                () -> {
                    Profile p = profile(profile);
                    User user = users.provision(new Email(email), clock.instant());
                    boolean granted =
                            memberships.grant(new Membership(user.id(), p.id(), clock.instant()));
                    if (granted) {
                        audit.write(admin, "grant", user.email().value(), p.name().value(), null);
                    }
                    return granted;
                });
    }

    /**
     * Revokes; true when there was a membership to revoke. Counts on that user's very next request.
     */
    public boolean revoke(Admin admin, String profile, String email) {
        return transactions.inTransaction(
                () -> {
                    Profile p = profile(profile);
                    boolean revoked =
                            users.byEmail(new Email(email))
                                    .map(u -> memberships.revoke(u.id(), p.id()))
                                    .orElse(false);
                    if (revoked) {
                        audit.write(
                                admin, "revoke", new Email(email).value(), p.name().value(), null);
                    }
                    return revoked;
                });
    }

    private Profile profile(String name) {
        return profiles.byName(Names.profile(name)).orElseThrow(Names::noProfile);
    }
}
