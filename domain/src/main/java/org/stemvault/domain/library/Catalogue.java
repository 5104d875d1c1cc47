package org.stemvault.domain.library;

import java.util.Optional;
import java.util.Set;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.UserId;

/**
 * What a viewer may see, each answer one read that checks the membership with the data: a profile the viewer
 * may not see is answered exactly as one that does not exist (empty).
 */
public interface Catalogue {

    /** The profile with this name, when the viewer may see it. */
    Optional<Profile> profile(Viewer viewer, ProfileName name);

    /**
     * The profile's recordings with their stems, newest first, starting after {@code after} (null: from the
     * newest), at most {@code limit} (null: all), for the user with this id, checked in the same read: the
     * user must exist, and be a member of the profile or an admin (by role, or by one of {@code adminEmails}).
     */
    Listing recordings(UserId user, Set<Email> adminEmails, ProfileName name, Position after, Integer limit);

    /** One recording of the profile, when the viewer may see the profile and it exists. */
    Optional<Recording> recording(Viewer viewer, ProfileName name, OutputName outputName);
}
