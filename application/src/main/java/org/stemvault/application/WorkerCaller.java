package org.stemvault.application;

import org.stemvault.domain.Forbidden;
import org.stemvault.domain.worker.WorkerTokenId;

/** A processing worker, by the id of the (active) token it presented. */
public record WorkerCaller(WorkerTokenId tokenId) implements Caller {

    /**
     * The caller as a processing worker; anyone else is refused ({@link Forbidden}) before anything
     * of the request is read, so that who comes before what.
     */
    public static WorkerCaller of(Caller caller) {
        if (caller instanceof WorkerCaller worker) {
            return worker;
        }
        throw new Forbidden("only processing workers take jobs");
    }

    /** How the queue knows the worker holding a job: its token's id. */
    public String name() {
        return tokenId.toString();
    }
}
