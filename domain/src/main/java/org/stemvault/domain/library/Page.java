package org.stemvault.domain.library;

import java.util.List;
import org.stemvault.domain.recording.Recording;

/** Recordings newest first; {@code next} is where the following page starts, null on the last page. */
public record Page(List<Recording> recordings, Position next) {

    public Page {
        recordings = List.copyOf(recordings);
    }
}
