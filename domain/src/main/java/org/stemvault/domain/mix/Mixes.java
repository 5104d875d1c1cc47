package org.stemvault.domain.mix;

import java.time.Instant;
import java.util.Optional;
import org.stemvault.domain.library.Viewer;

/**
 * Take-away mixes, each with its render job's status. A mix is written in the same transaction as
 * its job; its deletion queues its folder in the pending media deletions in the same step.
 */
public interface Mixes {

    void create(Mix mix);

    Optional<Mix> byId(MixId id);

    /** The mix with this content key, if one was asked for. */
    Optional<Mix> byContentKey(String contentKey);

    /** The mix, when the viewer may see its profile (one read with the check); empty otherwise. */
    Optional<Mix> visible(Viewer viewer, MixId id);

    /** Keeps what the rendered file measured; false when there is no such mix. */
    boolean rendered(MixId id, Mix.Rendered rendered);

    /** Notes that the file was fetched now (a mix nobody fetches for long is removed). */
    void fetched(MixId id, Instant now);

    /** Deletes the mix and its job, and queues its file for deletion; false when it was gone. */
    boolean delete(MixId id, Instant now);

    /** Deletes every mix not fetched since {@code before}, as {@link #delete} does; how many. */
    int expire(Instant before, Instant now);
}
