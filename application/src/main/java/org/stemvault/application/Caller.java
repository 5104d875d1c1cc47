package org.stemvault.application;

/**
 * Whoever a request acts for: a signed-in person ({@link Principal}) or a processing worker ({@link
 * WorkerCaller}).
 */
public sealed interface Caller permits Principal, WorkerCaller {}
