package org.stemvault.domain.media;

import java.util.List;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Stem;

/**
 * A recording's folder in the media store as a worker leaves it in the legacy layout: {@code
 * metadata.json} and the stem and waveform files it names, read the way the legacy import reads
 * them.
 */
public interface RecordingFolders {

    /** What the folder holds. */
    record Folder(String displayName, List<Stem> stems) {
        public Folder {
            stems = List.copyOf(stems);
        }
    }

    /**
     * The folder's stems: loudness, peak and gain as {@code metadata.json} gives them, size and
     * duration measured from the files. {@link org.stemvault.domain.Invalid} naming {@code
     * metadata.json} with the reason when the folder cannot be read.
     */
    Folder read(ProfileName profile, OutputName recording);
}
