package org.stemvault.domain.audio;

import java.util.Optional;
import org.stemvault.domain.profile.ProfileId;

/** The registered source audio files, unique by hash across all profiles. */
public interface AudioFiles {

    Optional<AudioFile> bySha256(Sha256 sha256);

    /**
     * Stores the file unless its hash is already registered, in one atomic step, and answers what
     * is stored for that hash afterwards: the candidate itself, or the earlier registration.
     */
    AudioFile registerIfAbsent(AudioFile candidate);

    /**
     * Removes every source file of the profile (its recordings must be gone first); answers how
     * many.
     */
    int deleteAllOf(ProfileId profile);
}
