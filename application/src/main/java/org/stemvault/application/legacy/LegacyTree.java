package org.stemvault.application.legacy;

import java.time.Instant;
import java.util.List;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Stem;

/**
 * A stem library from the JSON-on-disk era: the profiles of its config file and each profile's
 * recordings.
 */
public interface LegacyTree {

    /**
     * The tree cannot be read at all (its config, or its media folder): the message names the file,
     * and line.
     */
    final class Unreadable extends IllegalArgumentException {

        public Unreadable(String message) {
            super(message);
        }
    }

    /** The profiles the config file names. */
    List<Profile> profiles();

    /** The profile's recording folders, by name, each read whole or failed with a reason. */
    List<Recording> recordings(String profile);

    /** How many recording folders the profile has, without reading them. */
    int size(String profile);

    /**
     * Whether a read recording's folder holds this file (inside the folder, links followed): what
     * the import checks of every file a stem names, as a job's completion checks the media store.
     */
    boolean holds(Recording recording, MediaFileName file);

    /** A profile of the config file. */
    record Profile(String name, String sourceFolder, String strategy) {}

    /**
     * One recording folder: either read ({@code problem} null) or not ({@code problem} says why,
     * and the rest may be null). {@code createdAt} is the folder's metadata time, so a re-import
     * computes the same value.
     */
    record Recording(
            String path,
            OutputName outputName,
            String displayName,
            List<Stem> stems,
            Source source,
            Instant createdAt,
            String problem) {

        public static Recording failed(String path, String problem) {
            return new Recording(path, null, null, null, null, null, problem);
        }
    }

    /**
     * What is known of the source file: its real SHA-256 (from {@code .processed_hashes.json}, or
     * by hashing {@code source.<ext>}), and, when the file itself is there, its name, size and
     * duration.
     */
    record Source(Sha256 sha256, String filename, Long sizeBytes, Double durationSeconds) {}
}
