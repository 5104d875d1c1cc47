package org.stemvault.domain.audio;

import java.util.Optional;
import org.stemvault.domain.profile.ProfileId;

/** The registered source audio files, unique by hash across all profiles. */
public interface AudioFiles {

    Optional<AudioFile> bySha256(Sha256 sha256);

    /** The registered source file with this id, when it is there. */
    Optional<AudioFile> byId(AudioFileId id);

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

    /**
     * Removes one source file and its job (a take whose recording was deleted before it was ever
     * separated); false when it is gone. No recording may refer to it any more.
     */
    boolean delete(AudioFileId id);
}
