package org.stemvault.domain.ops;

import java.time.Duration;
import java.time.Instant;

/**
 * Named leases in the shared database: scheduled work that exactly one instance may run at a time.
 * A lease its holder stops renewing passes to another instance when it runs out.
 */
public interface Leases {

    /**
     * Takes or renews the lease for {@code holder} until {@code now + length}; false when held by
     * another.
     */
    boolean acquire(String name, String holder, Instant now, Duration length);

    /** Gives the lease back, when {@code holder} holds it. */
    void release(String name, String holder);
}
