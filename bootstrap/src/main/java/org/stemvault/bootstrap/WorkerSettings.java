package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * {@code stemvault.worker}: the push worker, when there is one ({@code url}); how long a send may
 * take; how long a job is held while being sent and then until the worker's callback; how often the
 * queue is looked at; and the service's public URL for the callback ({@code callback-base}; empty:
 * this instance's own URL).
 */
@ConfigurationProperties("stemvault.worker")
record WorkerSettings(
        @Nullable String url,
        Duration timeout,
        Duration sendLease,
        Duration callbackTimeout,
        Duration pollInterval,
        @Nullable String callbackBase) {}
