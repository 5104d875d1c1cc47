package org.stemvault.application.worker;

import org.stemvault.domain.worker.WorkerToken;

/** Signs the bearer token a worker presents: it names the worker token's id and expires with it. */
public interface TokenSigner {

    String sign(WorkerToken token);
}
