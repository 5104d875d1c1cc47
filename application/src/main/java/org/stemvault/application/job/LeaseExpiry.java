package org.stemvault.application.job;

import java.time.Clock;
import org.stemvault.domain.job.Jobs;

/**
 * The janitor's round: jobs whose worker stopped answering (its lease ran out) go back to the
 * queue, or to error after their last attempt.
 */
public final class LeaseExpiry {

    private final Jobs jobs;
    private final Clock clock;

    public LeaseExpiry(Jobs jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Puts jobs whose lease ran out back in the queue (or in error); how many. */
    public int expireLeases() {
        return jobs.expireLeases(clock.instant());
    }
}
