package org.stemvault.domain.library;

import java.util.List;
import org.stemvault.domain.Position;
import org.stemvault.domain.recording.Recording;

/** A files list read together with its checks: a page, or why there is none. */
public sealed interface Listing {

    /**
     * Recordings newest first; {@code next} is where the following page starts, null on the last
     * page.
     */
    record Page(List<Recording> recordings, Position next) implements Listing {

        public Page {
            recordings = List.copyOf(recordings);
        }
    }

    /** The profile does not exist, or the viewer may not see it: the two answer alike. */
    record NotVisible() implements Listing {}

    /** The viewer's user no longer exists. */
    record UnknownViewer() implements Listing {}
}
