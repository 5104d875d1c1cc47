package org.stemvault.domain.worker;

import java.util.UUID;
import org.stemvault.domain.Checks;

/** The identity of a worker token: what a signed worker token names, and who holds a job. */
public record WorkerTokenId(UUID value) {

    public WorkerTokenId {
        Checks.required("worker_token_id", value);
    }

    public static WorkerTokenId random() {
        return new WorkerTokenId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
