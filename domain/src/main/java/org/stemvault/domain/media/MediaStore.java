package org.stemvault.domain.media;

import java.util.Optional;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;

/**
 * Where stem audio and waveform images are kept, by profile, recording and file name. A store never
 * answers with anything outside the recording's folder (no {@code ..}, no absolute path, no link
 * pointing out).
 */
public interface MediaStore {

    Optional<StoredMedia> find(ProfileName profile, OutputName recording, MediaFileName file);
}
