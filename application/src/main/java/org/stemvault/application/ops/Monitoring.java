package org.stemvault.application.ops;

import java.time.Clock;
import org.stemvault.domain.ops.Backlog;

/** What an operator's metrics read: the backlog of work the tables hold, as of now. */
public final class Monitoring {

    private final Backlog backlog;
    private final Clock clock;

    public Monitoring(Backlog backlog, Clock clock) {
        this.backlog = backlog;
        this.clock = clock;
    }

    /** One statement; the caller decides how often (a metrics scrape caches it briefly). */
    public Backlog.Snapshot backlog() {
        return backlog.snapshot(clock.instant());
    }
}
