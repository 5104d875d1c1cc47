package org.stemvault.application.access;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.stemvault.application.Names;
import org.stemvault.application.Transactions;
import org.stemvault.application.signin.Admin;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.audio.AudioFiles;
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

/**
 * Admins keep the profiles (recording sources): list, create, edit, delete. Every change and its
 * audit entry are one transaction; a change that changes nothing leaves no entry.
 */
public final class ProfileAdmin {

    /** A profile with how many members it has. */
    public record ProfileAccess(Profile profile, int members) {}

    private final Profiles profiles;
    private final Memberships memberships;
    private final Recordings recordings;
    private final AudioFiles audioFiles;
    private final MediaDeletions deletions;
    private final AuditRecord audit;
    private final Transactions transactions;
    private final Clock clock;

    public ProfileAdmin(
            Profiles profiles,
            Memberships memberships,
            Recordings recordings,
            AudioFiles audioFiles,
            MediaDeletions deletions,
            AuditLog audit,
            Transactions transactions,
            Clock clock) {
        this.profiles = profiles;
        this.memberships = memberships;
        this.recordings = recordings;
        this.audioFiles = audioFiles;
        this.deletions = deletions;
        this.audit = new AuditRecord(audit, clock);
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<ProfileAccess> profiles(Admin admin) {
        Map<ProfileId, Long> counts =
                memberships.all().stream()
                        .collect(Collectors.groupingBy(Membership::profile, Collectors.counting()));
        return profiles.all().stream()
                .map(p -> new ProfileAccess(p, counts.getOrDefault(p.id(), 0L).intValue()))
                .toList();
    }

    public Profile create(Admin admin, String name, String sourceFolder, String strategyName) {
        return transactions.inTransaction(
                () -> {
                    Profile created =
                            profiles.create(
                                    Profile.create(
                                            new ProfileName(name),
                                            sourceFolder,
                                            strategyName,
                                            clock.instant()));
                    audit.write(
                            admin, "profile.create", null, name, "source_folder=" + sourceFolder);
                    return created;
                });
    }

    /** Renames and/or edits a profile; null leaves a field as it is. */
    public Profile edit(
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
                        audit.write(
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
     * of them (their files and the profile's uploaded sources go after the transaction).
     */
    public void delete(Admin admin, String name, boolean force) {
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
                    deletions.request(MediaDeletion.of(p.name().value(), clock.instant()));
                    deletions.request(
                            MediaDeletion.of(
                                    MediaKey.INPUTS + "/" + p.name().value(), clock.instant()));
                    audit.write(
                            admin,
                            "profile.delete",
                            null,
                            p.name().value(),
                            removed == 0 ? null : "recordings=" + removed);
                    return null;
                });
    }

    private Profile profile(String name) {
        return profiles.byName(Names.profile(name)).orElseThrow(Names::noProfile);
    }

    private static String changes(Profile before, Profile after) {
        StringBuilder s = new StringBuilder();
        if (!before.name().equals(after.name())) {
            s.append("name=").append(before.name()).append("->").append(after.name()).append(' ');
        }
        if (!before.sourceFolder().equals(after.sourceFolder())) {
            s.append("source_folder=").append(after.sourceFolder()).append(' ');
        }
        if (!Objects.equals(before.strategyName(), after.strategyName())) {
            s.append("strategy_name=").append(after.strategyName());
        }
        return s.toString().trim();
    }
}
