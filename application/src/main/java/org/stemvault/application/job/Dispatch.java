package org.stemvault.application.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.stemvault.application.Backoff;
import org.stemvault.application.Secrets;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;

/**
 * Hands queued jobs to the push worker, from the queue table: a job is claimed under a short lease,
 * sent, and held for the worker's callback once the worker takes it; a refusal puts it back with a
 * pause (doubling), and a crash mid-way lets its lease run out, so a job is retried until it is
 * taken and never lost. Each dispatch gets a new callback secret, of which only the SHA-256 is
 * kept.
 */
public final class Dispatch {

    /** The worker name push-dispatched jobs are held under. */
    public static final String PUSH = "push";

    /**
     * Where callbacks go ({@code callbackBase}: the service's public URL), how long a job is held
     * while being sent and then while the worker works, the first pause after a refusal, and the
     * output format.
     */
    public record Settings(
            Supplier<String> callbackBase,
            Duration sendLease,
            Duration callbackTimeout,
            Duration backoff,
            String outputFormat,
            String outputBitrate) {}

    private final Jobs jobs;
    private final Profiles profiles;
    private final PushWorker worker;
    private final Clock clock;
    private final Settings settings;

    public Dispatch(
            Jobs jobs, Profiles profiles, PushWorker worker, Clock clock, Settings settings) {
        this.jobs = jobs;
        this.profiles = profiles;
        this.worker = worker;
        this.clock = clock;
        this.settings = settings;
    }

    /** Sends up to {@code max} due jobs; answers how many the worker took. */
    public int dispatch(int max) {
        int taken = 0;
        for (int i = 0; i < max; i++) {
            Instant now = clock.instant();
            Optional<Job> next =
                    jobs.claim(PUSH, Set.of(JobKind.SEPARATE), now, now.plus(settings.sendLease()));
            if (next.isEmpty()) {
                break;
            }
            if (send(next.get())) {
                taken++;
            }
        }
        return taken;
    }

    private boolean send(Job job) {
        String secret = Secrets.randomHex();
        if (!jobs.arm(job.id(), PUSH, Secrets.sha256(secret))) {
            return false;
        }
        String strategy =
                profiles.byName(job.profileName()).map(Profile::strategyName).orElse(null);
        String callback =
                settings.callbackBase().get().replaceAll("/+$", "")
                        + "/api/jobs/"
                        + job.id()
                        + "/callback/"
                        + secret;
        try {
            worker.send(
                    new PushWorker.Request(
                            job.id().toString(),
                            job.profileName().value(),
                            strategy,
                            job.inputKey(),
                            job.outputName().value(),
                            settings.outputFormat(),
                            settings.outputBitrate(),
                            callback));
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            jobs.fail(
                    job.id(),
                    PUSH,
                    "the worker did not take the job: " + e.getMessage(),
                    now,
                    Backoff.retryAt(job.attempts(), now, settings.backoff()));
            return false;
        }
        Instant now = clock.instant();
        jobs.heartbeat(
                job.id(), PUSH, "sent to the worker", 0, now, now.plus(settings.callbackTimeout()));
        return true;
    }
}
