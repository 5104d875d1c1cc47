package org.stemvault.domain.library;

import java.util.List;
import org.stemvault.domain.Position;
import org.stemvault.domain.recording.Recording;

/**
 * A files list read together with its checks: a page, the news that it is unchanged, or why not.
 */
public sealed interface Listing {

    /**
     * Recordings newest first; {@code next} is where the following page starts, null on the last
     * page; {@code version} the profile's change version they were read at.
     */
    record Page(List<Recording> recordings, Position next, long version) implements Listing {

        public Page {
            recordings = List.copyOf(recordings);
        }
    }

    /**
     * The profile is still at a version the caller knows: nothing was read but the checks and the
     * version.
     */
    record Unchanged(long version) implements Listing {}

    /** The profile does not exist, or the viewer may not see it: the two answer alike. */
    record NotVisible() implements Listing {}

    /** The viewer's user no longer exists. */
    record UnknownViewer() implements Listing {}
}
