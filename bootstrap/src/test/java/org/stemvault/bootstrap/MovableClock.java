package org.stemvault.bootstrap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock, moved forward on demand: a test that would wait for time to pass (a cache's
 * second, a lease) moves the service's clock instead.
 */
class MovableClock extends Clock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    /** Moves the clock {@code by} forward, for every later reading. */
    void advance(Duration by) {
        ahead.updateAndGet(d -> d.plus(by));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock is UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead.get());
    }
}
