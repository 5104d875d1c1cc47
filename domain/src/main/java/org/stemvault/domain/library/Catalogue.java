package org.stemvault.domain.library;

import java.util.Optional;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;

/**
 * What a viewer may see, each answer one read that checks the membership with the data: a profile the viewer
 * may not see is answered exactly as one that does not exist (empty).
 */
public interface Catalogue {

    /** The profile with this name, when the viewer may see it. */
    Optional<Profile> profile(Viewer viewer, ProfileName name);

    /**
     * The profile's recordings with their stems, newest first, starting after {@code after} (null: from the
     * newest), at most {@code limit} (null: all); empty when the viewer may not see the profile.
     */
    Optional<Page> recordings(Viewer viewer, ProfileName name, Position after, Integer limit);

    /** One recording of the profile, when the viewer may see the profile and it exists. */
    Optional<Recording> recording(Viewer viewer, ProfileName name, OutputName outputName);
}
