package org.stemvault.application.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.stemvault.application.Names;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Position;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audit.AuditEntry;
import org.stemvault.domain.audit.AuditLog;
import org.stemvault.domain.media.MediaDeletion;
import org.stemvault.domain.media.MediaDeletions;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.Sessions;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;
import org.stemvault.domain.worker.WorkerToken;

/**
 * What admins decide: who may see which profile, the profiles themselves, who is an admin, and the
 * workers' tokens. Every change and its audit entry are written in one transaction; a request that
 * changes nothing (a repeated grant) leaves no entry.
 */
public final class Access {

    /** The largest page of audit entries. */
    public static final int MAX_AUDIT_LIMIT = 500;

    private final Users users;
    private final Profiles profiles;
    private final Memberships memberships;
    private final Recordings recordings;
    private final AudioFiles audioFiles;
    private final AuditLog audit;
    private final Workers workers;
    private final Sessions sessions;
    private final MediaDeletions deletions;
    private final Transactions transactions;
    private final Clock clock;

    public Access(
            Users users,
            Profiles profiles,
            Memberships memberships,
            Recordings recordings,
            AudioFiles audioFiles,
            AuditLog audit,
            Workers workers,
            Sessions sessions,
            MediaDeletions deletions,
            Transactions transactions,
            Clock clock) {
        this.users = users;
        this.profiles = profiles;
        this.memberships = memberships;
        this.recordings = recordings;
        this.audioFiles = audioFiles;
        this.audit = audit;
        this.workers = workers;
        this.sessions = sessions;
        this.deletions = deletions;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Who acts: an admin by email, or the operator at the command line. */
    public record Admin(String name) {}

    /** The principal as an admin; {@link Forbidden} for anyone else. */
    public static Admin admin(Principal principal) {
        if (!principal.admin()) {
            throw new Forbidden("only admins may manage access");
        }
        return new Admin(principal.email().value());
    }

    /** The operator at the server's command line. */
    public static Admin operator() {
        return new Admin("cli");
    }

    /** A user with the names of the profiles they may see. */
    public record UserAccess(User user, List<ProfileName> profiles) {}

    /** A profile with how many members it has. */
    public record ProfileAccess(Profile profile, int members) {}

    /** A member of a profile, since when. */
    public record Member(User user, Instant grantedAt) {}

    public List<UserAccess> users(Admin admin) {
        Map<ProfileId, Profile> byId = profileMap();
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

    public List<ProfileAccess> profiles(Admin admin) {
        Map<ProfileId, Long> counts =
                memberships.all().stream()
                        .collect(Collectors.groupingBy(Membership::profile, Collectors.counting()));
        return profiles.all().stream()
                .map(p -> new ProfileAccess(p, counts.getOrDefault(p.id(), 0L).intValue()))
                .toList();
    }

    public Profile createProfile(
            Admin admin, String name, String sourceFolder, String strategyName) {
        return transactions.inTransaction(
                () -> {
                    Profile created =
                            profiles.create(
                                    Profile.create(
                                            new ProfileName(name),
                                            sourceFolder,
                                            strategyName,
                                            clock.instant()));
                    record(admin, "profile.create", null, name, "source_folder=" + sourceFolder);
                    return created;
                });
    }

    /** Renames and/or edits a profile; null leaves a field as it is. */
    public Profile editProfile(
            Admin admin, String name, String newName, String sourceFolder, String strategyName) {
        return transactions.inTransaction(
                () -> {
                    Profile p = profile(name);
                    Profile edited =
                            new Profile(
                                    p.id(),
                                    newName == null ? p.name() : new ProfileName(newName),
                                    sourceFolder == null ? p.sourceFolder() : sourceFolder,
                                    strategyName == null ? p.strategyName() : strategyName,
                                    p.createdAt());
                    if (!edited.equals(p)) {
                        profiles.update(edited);
                        record(
                                admin,
                                "profile.edit",
                                null,
                                edited.name().value(),
                                changes(p, edited));
                    }
                    return edited;
                });
    }

    /**
     * Deletes a profile; one that still has recordings only with {@code force}, and then with all
     * of them.
     */
    public void deleteProfile(Admin admin, String name, boolean force) {
        transactions.inTransaction(
                () -> {
                    Profile p = profile(name);
                    int count = recordings.countOf(p.id());
                    if (count > 0 && !force) {
                        throw new Conflict(
                                "the profile has "
                                        + count
                                        + " recordings: delete with force=true to remove them too");
                    }
                    int removed = recordings.deleteAllOf(p.id());
                    audioFiles.deleteAllOf(p.id());
                    profiles.delete(p.id());
                    // Its recordings' files and its uploaded sources go too, after the transaction.
                    deletions.request(MediaDeletion.of(p.name().value(), clock.instant()));
                    deletions.request(
                            MediaDeletion.of(
                                    MediaKey.INPUTS + "/" + p.name().value(), clock.instant()));
                    record(
                            admin,
                            "profile.delete",
                            null,
                            p.name().value(),
                            removed == 0 ? null : "recordings=" + removed);
                    return null;
                });
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
                        record(admin, "grant", user.email().value(), p.name().value(), null);
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
                        record(admin, "revoke", new Email(email).value(), p.name().value(), null);
                    }
                    return revoked;
                });
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
                        record(
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
                        record(
                                admin,
                                "sessions.revoke",
                                user.email().value(),
                                null,
                                "sessions=" + ended);
                    }
                    return ended;
                });
    }

    public Workers.Minted mintWorkerToken(Admin admin, String name, Duration validity) {
        return transactions.inTransaction(
                () -> {
                    Workers.Minted minted = workers.mint(name, validity);
                    record(
                            admin,
                            "worker-token.mint",
                            minted.token().id().toString(),
                            null,
                            "name=" + name);
                    return minted;
                });
    }

    public void revokeWorkerToken(Admin admin, UUID id) {
        transactions.inTransaction(
                () -> {
                    workers.revoke(id);
                    record(admin, "worker-token.revoke", id.toString(), null, null);
                    return null;
                });
    }

    public List<WorkerToken> workerTokens(Admin admin) {
        return workers.list();
    }

    /** Audit entries newest first, filtered, in pages. */
    public List<AuditEntry> audit(
            Admin admin, String profile, String user, Instant since, Position after, int limit) {
        if (limit < 1 || limit > MAX_AUDIT_LIMIT) {
            throw new Invalid("limit", "must be from 1 to " + MAX_AUDIT_LIMIT);
        }
        if (profile != null) {
            try {
                new ProfileName(profile);
            } catch (Invalid e) {
                throw new Invalid("profile", e.reason());
            }
        }
        String who = user == null ? null : new Email(user).value();
        return audit.find(profile, who, since, after, limit);
    }

    private void record(Admin admin, String action, String target, String profile, String detail) {
        audit.append(AuditEntry.of(clock.instant(), admin.name(), action, target, profile, detail));
    }

    private Profile profile(String name) {
        return profiles.byName(Names.profile(name)).orElseThrow(Names::noProfile);
    }

    private Map<ProfileId, Profile> profileMap() {
        Map<ProfileId, Profile> map = new HashMap<>();
        profiles.all().forEach(p -> map.put(p.id(), p));
        return map;
    }

    private static String changes(Profile before, Profile after) {
        StringBuilder s = new StringBuilder();
        if (!before.name().equals(after.name())) {
            s.append("name=").append(before.name()).append("->").append(after.name()).append(' ');
        }
        if (!before.sourceFolder().equals(after.sourceFolder())) {
            s.append("source_folder=").append(after.sourceFolder()).append(' ');
        }
        if (!java.util.Objects.equals(before.strategyName(), after.strategyName())) {
            s.append("strategy_name=").append(after.strategyName());
        }
        return s.toString().trim();
    }
}
