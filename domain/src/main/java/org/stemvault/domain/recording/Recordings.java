package org.stemvault.domain.recording;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.profile.ProfileId;

/** The stored recordings with their stems, unique by output name within a profile. */
public interface Recordings {

    /**
     * Creates the recording, or replaces the one with the same profile and output name together
     * with all its stems; the stored recording keeps its id and created_at. Answers what is stored
     * afterwards.
     */
    Recording save(Recording recording);

    Optional<Recording> byOutputName(ProfileId profile, OutputName outputName);

    Optional<Recording> byId(RecordingId id);

    /** Every recording's id, oldest first. */
    List<RecordingId> ids();

    /** Every recording of the profile with all its stems, newest first, in one read. */
    List<Recording> allOf(ProfileId profile);

    /** Removes the recording with its stems and embeddings; false when there was none. */
    boolean delete(ProfileId profile, OutputName outputName);

    /** How many recordings the profile has. */
    int countOf(ProfileId profile);

    /** Removes every recording of the profile with their stems and embeddings; answers how many. */
    int deleteAllOf(ProfileId profile);

    /**
     * Sets where and when the recording was made (null clears each; the location must be one of its
     * profile's); false when it is gone.
     */
    boolean setDetails(RecordingId id, LabelId location, LocalDate dateRecorded, Instant now);

    /** Sets where its processing stands; false when it is gone. */
    boolean setStatus(RecordingId id, RecordingStatus status);
}
