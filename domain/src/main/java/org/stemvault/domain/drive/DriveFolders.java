package org.stemvault.domain.drive;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.user.UserId;

/**
 * Profiles' connected Drive folders and their watch channels. Every instance shares them: a
 * notification marks its folder, and one instance at a time lists a marked folder's changes.
 */
public interface DriveFolders {

    /**
     * Connects (or replaces) the profile's folder; the channels of the folder it replaces are to be
     * stopped. The saved page token is cleared when the folder changes.
     */
    void connect(DriveFolder folder);

    Optional<DriveFolder> of(ProfileId profile);

    /**
     * For each of these profiles with a connected folder: the folder and whether the grant it is
     * read with still works.
     */
    Map<ProfileId, Connection> connections(Collection<ProfileId> profiles);

    /** A connected folder as members see it. */
    record Connection(String folderId, boolean live) {}

    /** Disconnects the profile's folder; its channels are to be stopped. False when none. */
    boolean disconnect(ProfileId profile);

    /** The folders connected with this member's grant. */
    List<DriveFolder> connectedBy(UserId user);

    /** The channel of this id, live or stopping. */
    Optional<DriveChannel> channel(String id);

    /**
     * Takes one folder marked for a listing that no instance is listing: its mark is cleared and it
     * is held until {@code now + hold} (another instance takes it after that, should this one
     * stop). Empty when there is none.
     */
    Optional<DriveFolder> takeMarked(Instant now, Duration hold);

    /** Ends the listing of a taken folder, keeping the page token the next listing starts at. */
    void release(ProfileId profile, String pageToken);

    /** Marks the profile's folder for a listing, as a notification does. */
    void mark(ProfileId profile, Instant now);

    /**
     * Connected folders whose grant is live and that have no channel lasting past {@code until}.
     */
    List<DriveFolder> needingChannel(Instant until);

    /**
     * Keeps a new channel of its profile's folder; the profile's older channels are to be stopped,
     * and the folder's page token is set to {@code startPageToken} when it has none.
     */
    void addChannel(DriveChannel channel, String startPageToken);

    /** Channels to stop: of folders disconnected or replaced, or replaced by a newer channel. */
    List<DriveChannel> toStop(Instant now);

    /** Forgets a channel (stopped at Drive, or expired). */
    void removeChannel(String id);

    /** Channels that expired before {@code now} are forgotten; answers how many. */
    int removeExpired(Instant now);
}
