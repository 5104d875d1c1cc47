package org.stemvault.domain.worker;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The worker credentials ever minted, revoked ones included. */
public interface WorkerTokens {

    void create(WorkerToken token);

    Optional<WorkerToken> byId(WorkerTokenId id);

    /** All tokens, newest first. */
    List<WorkerToken> all();

    /**
     * Revokes the token at {@code at}; false when there is no such token or it was revoked already.
     */
    boolean revoke(WorkerTokenId id, Instant at);
}
