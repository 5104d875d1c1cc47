package org.stemvault.domain.worker;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * A processing worker's credential: named, expiring, revocable; the signed token names only its id.
 */
public record WorkerToken(
        WorkerTokenId id, String name, Instant createdAt, Instant expiresAt, Instant revokedAt) {

    public WorkerToken {
        Checks.required("id", id);
        Checks.name("name", name, 200);
        Checks.required("created_at", createdAt);
        Checks.required("expires_at", expiresAt);
        if (!expiresAt.isAfter(createdAt)) {
            throw new Invalid("expires_at", "must be after created_at");
        }
    }

    public static WorkerToken mint(String name, Instant now, Instant expiresAt) {
        return new WorkerToken(WorkerTokenId.random(), name, now, expiresAt, null);
    }

    /** Neither revoked nor expired at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
