package org.stemvault.domain.mix;

import java.time.Instant;
import java.util.UUID;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.user.UserId;

/**
 * A read-only link to one mix for people outside the band: found by the SHA-256 of its token (the
 * token itself is shown once, to its maker, and never stored), live until {@code expiresAt} or its
 * revocation, with how often it was fetched.
 */
public record MixShare(
        UUID id,
        MixId mix,
        String tokenHash,
        UserId createdBy,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        long fetches) {

    public MixShare {
        Checks.required("id", id);
        Checks.required("mix_id", mix);
        if (tokenHash == null || !tokenHash.matches("[0-9a-f]{64}")) {
            throw new Invalid("token", "must be kept as its SHA-256 in hex");
        }
        Checks.required("created_at", createdAt);
        Checks.required("expires_at", expiresAt);
        if (!expiresAt.isAfter(createdAt)) {
            throw new Invalid("expires_at", "must be after the link is made");
        }
        Checks.notNegative("fetches", fetches);
    }

    /** Whether the link still opens its mix at {@code now}. */
    public boolean live(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
