package org.stemvault.application.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.worker.WorkerToken;
import org.stemvault.domain.worker.WorkerTokenId;
import org.stemvault.domain.worker.WorkerTokens;

/**
 * Worker credentials: minted with an expiry, listed, revoked; a request's token is checked on every
 * use.
 */
public final class Workers {

    /** The longest a worker token may live. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(366);

    private final WorkerTokens tokens;
    private final TokenSigner signer;
    private final Clock clock;

    public Workers(WorkerTokens tokens, TokenSigner signer, Clock clock) {
        this.tokens = tokens;
        this.signer = signer;
        this.clock = clock;
    }

    /**
     * A minted token: its record, and the bearer token to hand to the worker (shown once, never
     * stored).
     */
    public record Minted(WorkerToken token, String bearer) {}

    public Minted mint(String name, Duration validity) {
        if (validity == null
                || validity.isNegative()
                || validity.isZero()
                || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new Invalid(
                    "validity",
                    "must be more than zero and at most " + MAX_VALIDITY.toDays() + " days");
        }
        Instant now = clock.instant();
        WorkerToken token = WorkerToken.mint(name, now, now.plus(validity));
        tokens.create(token);
        return new Minted(token, signer.sign(token));
    }

    public List<WorkerToken> list() {
        return tokens.all();
    }

    public void revoke(WorkerTokenId id) {
        if (!tokens.revoke(id, clock.instant())) {
            throw new NotFound("no such active worker token");
        }
    }

    /** The token with this id while it is neither revoked nor expired. */
    public Optional<WorkerToken> active(WorkerTokenId id) {
        Instant now = clock.instant();
        return tokens.byId(id).filter(t -> t.activeAt(now));
    }
}
