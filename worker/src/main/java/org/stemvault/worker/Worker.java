package org.stemvault.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The claim loop, on {@code concurrency} threads: claim a job (or wait {@code poll} when the queue
 * is empty), run it, again. {@link #stop} (SIGTERM) claims no more, lets the jobs in hand finish
 * for up to {@code grace}, then ends their commands and hands them back; no job is left claimed.
 */
final class Worker {

    private final ServiceClient client;
    private final JobRunner.Settings settings;
    private final Log log;
    private final Duration poll;
    private final Duration grace;
    private final boolean once;
    private final int concurrency;

    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Set<JobRunner> running = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private volatile boolean fatal;

    Worker(
            ServiceClient client,
            JobRunner.Settings settings,
            Log log,
            Duration poll,
            Duration grace,
            boolean once,
            int concurrency) {
        this.client = client;
        this.settings = settings;
        this.log = log;
        this.poll = poll;
        this.grace = grace;
        this.once = once;
        this.concurrency = once ? 1 : concurrency;
    }

    /** Runs until stopped (or, with {@code once}, one job); 0 when every job it ran completed. */
    int run() throws InterruptedException {
        for (int i = 1; i <= concurrency; i++) {
            Thread t = new Thread(this::loop, "worker-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return fatal ? 2 : failures.get() > 0 ? 1 : 0;
    }

    private void loop() {
        while (stopping.getCount() > 0) {
            ServiceClient.Claim job;
            try {
                job = client.claim().orElse(null);
            } catch (Failure e) {
                log.line("claim", "refused: " + e.getMessage());
                if (e.unauthorized()) {
                    log.line("stopped", "the service does not take this worker token");
                    fatal = true;
                    stopping.countDown();
                    return;
                }
                job = null;
            } catch (InterruptedException e) {
                return;
            }
            if (job == null) {
                try {
                    stopping.await(poll.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            JobRunner runner = new JobRunner(client, settings, log);
            running.add(runner);
            JobRunner.Outcome outcome;
            try {
                outcome = runner.run(job);
            } finally {
                running.remove(runner);
            }
            if (outcome != JobRunner.Outcome.COMPLETE) {
                failures.incrementAndGet();
            }
            if (once) {
                return;
            }
        }
    }

    /**
     * Claims no more; waits up to {@code grace} for the jobs in hand, then stops them and hands
     * them back, and returns once every thread has ended (or 30 s more have passed).
     */
    void stop() {
        if (stopping.getCount() == 0 && running.isEmpty()) {
            return;
        }
        log.line(
                "stopping",
                running.size() + " job(s) in hand, " + grace.toSeconds() + " s to finish");
        stopping.countDown();
        long deadline = System.nanoTime() + grace.toNanos();
        join(deadline);
        if (!running.isEmpty()) {
            log.line("stopping", "handing back " + running.size() + " job(s)");
            running.forEach(JobRunner::abort);
        }
        join(System.nanoTime() + Duration.ofSeconds(30).toNanos());
        log.line("stopped", "");
    }

    private void join(long deadline) {
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
