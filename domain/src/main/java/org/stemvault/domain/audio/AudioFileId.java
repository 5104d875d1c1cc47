package org.stemvault.domain.audio;

import java.util.UUID;
import org.stemvault.domain.Checks;

/** The identity of a registered source audio file. */
public record AudioFileId(UUID value) {

    public AudioFileId {
        Checks.required("audio_file_id", value);
    }

    public static AudioFileId random() {
        return new AudioFileId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
