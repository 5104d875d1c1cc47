package org.stemvault.domain.mix;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Links to mixes for people outside the band; a mix's deletion takes its links. */
public interface MixShares {

    void create(MixShare share);

    /**
     * The mix a live link with this token hash opens at {@code now}, counting the fetch in the same
     * statement; empty for an unknown, expired or revoked link.
     */
    Optional<MixId> open(String tokenHash, Instant now);

    /** The links to a mix, newest first. */
    List<MixShare> of(MixId mix);

    /** Revokes a live link to the mix; false when there is none such. */
    boolean revoke(MixId mix, UUID share, Instant now);
}
