package org.stemvault.domain.library;

import java.util.List;
import java.util.Optional;
import org.stemvault.domain.Position;
import org.stemvault.domain.analysis.Feel;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;

/**
 * What a viewer may see, each answer one read that checks the viewer's right with the data: a
 * profile the viewer may not see is answered exactly as one that does not exist. Admins (by role or
 * by configuration) see every profile; others the profiles they are members of.
 */
public interface Catalogue {

    /**
     * Whether the viewer's session is open and its user exists: what a read that found nothing asks
     * next, so that an ended session or a deleted user is told to sign in again rather than told
     * the thing is missing.
     */
    boolean known(Viewer viewer);

    /** The profiles the viewer may see, by name. */
    List<Profile> profiles(Viewer viewer);

    /** The profile with this name, when the viewer may see it. */
    Optional<Profile> profile(Viewer viewer, ProfileName name);

    /**
     * The profile's recordings with their stems, newest first, starting after {@code after} (null:
     * from the newest), at most {@code limit} (null: all), with the profile's change version; the
     * viewer's existence and right are read in the same step. When the profile is at a version the
     * caller {@code known}s, {@link Listing.Unchanged} and no recording is read.
     */
    default Listing files(
            Viewer viewer, ProfileName name, Position after, Integer limit, Known known) {
        return files(viewer, name, after, limit, known, Feel.ANY);
    }

    /**
     * As {@link #files(Viewer, ProfileName, Position, Integer, Known)}, only the recordings whose
     * analysis matches {@code feel} (its tempo in range, its key one of those asked for); the page
     * is tagged with the same version, which an analysis saved moves on.
     */
    Listing files(
            Viewer viewer, ProfileName name, Position after, Integer limit, Known known, Feel feel);

    /**
     * One recording of the profile with the profile's change version, when the viewer may see the
     * profile and the recording exists; only the version when the caller knows it.
     */
    Optional<Current<Recording>> file(
            Viewer viewer, ProfileName name, OutputName outputName, Known known);

    /** One recording of the profile, when the viewer may see the profile and it exists. */
    Optional<Recording> recording(Viewer viewer, ProfileName name, OutputName outputName);

    /** Whether a viewer may read a recording's media. */
    enum Access {
        /** The recording exists in a profile the viewer may see. */
        GRANTED,
        /** No such recording, or not in a profile the viewer may see: the two answer alike. */
        NOT_FOUND,
        /** The viewer's user no longer exists, or the session has ended. */
        UNKNOWN_VIEWER
    }

    /**
     * May the viewer read the media of this recording: one read that checks the session, the user,
     * the right to the profile and the recording together (a deleted recording's files wait for the
     * pending deletions, but are never served meanwhile).
     */
    Access mediaAccess(Viewer viewer, ProfileName name, OutputName outputName);

    /** A recording with the name of its profile. */
    record Located(ProfileName profile, Recording recording) {}

    /** A recording by id, when the viewer may see its profile. */
    Optional<Located> recording(Viewer viewer, RecordingId id);
}
