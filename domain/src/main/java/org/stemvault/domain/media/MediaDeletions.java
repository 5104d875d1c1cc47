package org.stemvault.domain.media;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Stored media waiting to be removed: requested in the same transaction as the change that made it
 * unreachable, removed later by any instance, with retries, so a store outage never blocks or
 * undoes the change and nothing is forgotten.
 */
public interface MediaDeletions {

    void request(MediaDeletion deletion);

    /**
     * Forgets the requests for exactly this folder or file, not yet carried out: what they named is
     * wanted again (a take uploaded again after its recording was deleted).
     */
    void withdraw(String folder);

    /**
     * Up to {@code limit} due requests, oldest first, each now leased until {@code leaseUntil} so
     * that no other instance takes it meanwhile.
     */
    List<MediaDeletion> claim(Instant now, Instant leaseUntil, int limit);

    /** The request is carried out: forget it. */
    void done(UUID id);

    /** The attempt failed: try again at {@code retryAt}, keeping the reason. */
    void failed(UUID id, String error, Instant retryAt);

    /** Every request still waiting, oldest first. */
    List<MediaDeletion> pending();
}
