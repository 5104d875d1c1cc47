package org.stemvault.domain.drive;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.RecordingId;

/** Drive files imported into profiles, each once. */
public interface DriveImports {

    /**
     * Claims the import of the file: true when no instance imported it or is importing it (a failed
     * import, or a claim older than {@code stale}, is taken over); false otherwise.
     */
    boolean claim(DriveImport file, Instant now, Duration stale);

    /** Records the outcome of a claimed import, with the recording it made or found. */
    void finish(
            DriveImport file, DriveImport.Outcome outcome, RecordingId recording, String detail);

    /** The recording (its name) of an imported or duplicate file, when it is still listed. */
    Optional<Imported> imported(ProfileId profile, String fileId, Instant modifiedTime);

    /** For each of these file ids imported into the profile: its recording's name. */
    Map<String, OutputName> recordings(ProfileId profile, Collection<String> fileIds);

    /** An imported file's recording. */
    record Imported(RecordingId recording, OutputName outputName) {}
}
