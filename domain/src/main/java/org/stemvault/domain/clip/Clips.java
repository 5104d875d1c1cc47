package org.stemvault.domain.clip;

import java.util.List;
import java.util.Optional;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.RecordingId;

/**
 * Clips of recordings. The reads for a viewer check the viewer's right in the same statement: a
 * clip of a profile the viewer may not see is not found, exactly like a missing one.
 */
public interface Clips {

    /**
     * A clip with its recording (and its stems), the name of its profile and its song's name (null
     * when it has no song).
     */
    /**
     * A clip with its recording, its song's name and its recording's measures (null while the
     * recording is not analysed).
     */
    record Take(
            Clip clip,
            Catalogue.Located recording,
            String songName,
            org.stemvault.domain.analysis.Analysis.Summary measures) {}

    /** The clip, when it exists and the viewer may see its profile. */
    Optional<Clip> visible(Viewer viewer, ClipId id);

    /** A recording's clips by start. */
    List<Clip> ofRecording(RecordingId recording);

    /**
     * Every clip of the song, each with its recording and stems, in one read; empty when the viewer
     * may not see the song.
     */
    Optional<List<Take>> ofSong(Viewer viewer, LabelId song);

    /** The clip as a take, in one read, when it exists and the viewer may see its profile. */
    Optional<Take> take(Viewer viewer, ClipId id);

    /**
     * The profile's clips as takes, newest clip first, in one read; empty when the viewer may not
     * see the profile.
     */
    Optional<List<Take>> ofProfile(Viewer viewer, ProfileName profile);

    /** Stores new clips (one statement). */
    void create(List<Clip> clips);

    /** Saves a changed clip; false when it is gone. */
    boolean update(Clip clip);

    boolean delete(ClipId id);
}
