package org.stemvault.application;

import java.util.UUID;

/** A processing worker, by the id of the (active) token it presented. */
public record WorkerCaller(UUID tokenId) implements Caller {}
