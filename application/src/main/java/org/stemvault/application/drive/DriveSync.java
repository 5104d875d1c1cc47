package org.stemvault.application.drive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.stemvault.application.Secrets;
import org.stemvault.domain.Refusal;
import org.stemvault.domain.drive.DriveChannel;
import org.stemvault.domain.drive.DriveFolder;
import org.stemvault.domain.drive.DriveFolders;
import org.stemvault.domain.ops.Leases;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;

/**
 * New files arrive by themselves. Each connected folder has a Drive changes watch channel with a
 * random token (only its SHA-256 is kept); a notification is acted on only when its channel id
 * <em>and</em> token match a live channel (the token compared in constant time), and then only
 * marks the folder. Any instance lists a marked folder's changes since its saved page token, one at
 * a time, and imports new audio files in the folder (or below it) once: the import claim is unique
 * per profile, file and modified time, however many instances were notified and however often Drive
 * repeats itself. Channels are created, renewed before they expire and stopped after a
 * disconnection by {@link #maintain}, which exactly one instance runs at a time (a lease).
 */
public final class DriveSync {

    /** The lease the channel maintenance runs under. */
    public static final String LEASE = "drive channels";

    /** How long an instance may list one folder before another may take it over. */
    static final Duration LISTING_HOLD = Duration.ofMinutes(10);

    /** At most this many pages of changes are read in one listing. */
    static final int MOST_PAGES = 50;

    /** How long channels live, when they are renewed, and where Drive posts. */
    public record Settings(Duration channelLifetime, Duration renewBefore, String webhookAddress) {
        public Settings {
            if (renewBefore.compareTo(channelLifetime) >= 0) {
                throw new IllegalArgumentException(
                        "channels must be renewed before they expire: renew-before ("
                                + renewBefore
                                + ") must be shorter than their lifetime ("
                                + channelLifetime
                                + ")");
            }
        }
    }

    /** What one listing did. */
    public record Listed(int imported, int skipped, int failed) {}

    /** What one round of channel maintenance did, and why what failed failed. */
    public record Maintained(int opened, int stopped, List<String> failures) {}

    private final DriveFolders folders;
    private final Profiles profiles;
    private final DriveAccounts accounts;
    private final DriveLibrary library;
    private final DriveApi api;
    private final Leases leases;
    private final Clock clock;
    private final Settings settings;

    public DriveSync(
            DriveFolders folders,
            Profiles profiles,
            DriveAccounts accounts,
            DriveLibrary library,
            DriveApi api,
            Leases leases,
            Clock clock,
            Settings settings) {
        this.folders = folders;
        this.profiles = profiles;
        this.accounts = accounts;
        this.library = library;
        this.api = api;
        this.leases = leases;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * A notification: true (and the folder marked) only when the channel is live and the token is
     * its own; false for anything else, which changes nothing.
     */
    public boolean notified(String channelId, String token) {
        if (channelId == null || token == null || channelId.length() > 64 || token.length() > 256) {
            return false;
        }
        Instant now = clock.instant();
        Optional<DriveChannel> channel = folders.channel(channelId);
        boolean match = Secrets.matches(token, channel.map(DriveChannel::tokenHash).orElse(null));
        if (!match
                || channel.isEmpty()
                || channel.get().stopping()
                || !channel.get().expiresAt().isAfter(now)) {
            return false;
        }
        folders.mark(channel.get().profile(), now);
        return true;
    }

    /** Lists one marked folder, if any is free; empty when none waits. */
    public Optional<Listed> listMarked() {
        Optional<DriveFolder> taken = folders.takeMarked(clock.instant(), LISTING_HOLD);
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        DriveFolder folder = taken.get();
        String pageToken = null;
        int[] counts = new int[3];
        try {
            Profile profile = profiles.byId(folder.profile()).orElseThrow();
            pageToken =
                    accounts.withToken(
                            folder.connectedBy(), token -> list(token, profile, folder, counts));
        } catch (RuntimeException e) {
            // a revoked grant (marked), or Drive away: the folder waits for its next notification
        } finally {
            folders.release(folder.profile(), pageToken);
        }
        return Optional.of(new Listed(counts[0], counts[1], counts[2]));
    }

    private String list(String token, Profile profile, DriveFolder folder, int[] counts) {
        String page = folder.pageToken() == null ? api.startPageToken(token) : folder.pageToken();
        for (int pages = 0; pages < MOST_PAGES; pages++) {
            DriveApi.Changes changes = api.changes(token, page);
            for (DriveApi.Change change : changes.changes()) {
                DriveApi.DriveFile file = change.file();
                if (change.removed() || file == null || file.folder() || file.trashed()) {
                    continue;
                }
                if (!DriveLibrary.audio(file) || !inFolder(token, folder, file)) {
                    counts[1]++;
                    continue;
                }
                try {
                    if (library.bring(token, profile, file).isPresent()) {
                        counts[0]++;
                    } else {
                        counts[1]++;
                    }
                } catch (Refusal e) {
                    counts[2]++;
                }
            }
            if (changes.newStartPageToken() != null) {
                return changes.newStartPageToken();
            }
            page = changes.nextPageToken();
        }
        return page;
    }

    private boolean inFolder(String token, DriveFolder folder, DriveApi.DriveFile file) {
        if (file.parents().contains(folder.folderId())) {
            return true;
        }
        try {
            library.below(token, folder, file.id());
            return true;
        } catch (Refusal e) {
            return false;
        }
    }

    /**
     * Under the lease {@code holder} takes (empty when another instance holds it): channels for
     * connected folders that have none lasting past the renewal margin are created (the older one
     * is stopped; none without a webhook address), channels of disconnected folders are stopped,
     * expired ones forgotten. What failed is tried again at the next round.
     */
    public Optional<Maintained> maintain(String holder, Duration leaseLength) {
        Instant now = clock.instant();
        if (!leases.acquire(LEASE, holder, now, leaseLength)) {
            return Optional.empty();
        }
        int opened = 0;
        int stopped = 0;
        List<String> failures = new ArrayList<>();
        if (settings.webhookAddress() != null) {
            for (DriveFolder folder : folders.needingChannel(now.plus(settings.renewBefore()))) {
                try {
                    accounts.withToken(folder.connectedBy(), token -> watch(token, folder));
                    opened++;
                } catch (RuntimeException e) {
                    failures.add(
                            "a channel for profile " + folder.profile() + ": " + e.getMessage());
                }
            }
        }
        for (DriveChannel channel : folders.toStop(now)) {
            try {
                accounts.withToken(
                        channel.owner(),
                        token -> {
                            api.stop(token, channel.id(), channel.resourceId());
                            return null;
                        });
                folders.removeChannel(channel.id());
                stopped++;
            } catch (org.stemvault.domain.Conflict e) {
                folders.removeChannel(channel.id()); // no live grant: it expires by itself
            } catch (RuntimeException e) {
                failures.add("stopping channel " + channel.id() + ": " + e.getMessage());
            }
        }
        folders.removeExpired(now);
        return Optional.of(new Maintained(opened, stopped, failures));
    }

    private Void watch(String token, DriveFolder folder) {
        String start = folder.pageToken() == null ? api.startPageToken(token) : folder.pageToken();
        String id = UUID.randomUUID().toString();
        String channelToken = Secrets.random();
        Instant expiration = clock.instant().plus(settings.channelLifetime());
        DriveApi.Watch watch =
                api.watch(token, start, id, channelToken, settings.webhookAddress(), expiration);
        folders.addChannel(
                new DriveChannel(
                        id,
                        folder.profile(),
                        folder.connectedBy(),
                        Secrets.sha256(channelToken),
                        watch.resourceId(),
                        watch.expiration() == null ? expiration : watch.expiration(),
                        false),
                start);
        return null;
    }
}
