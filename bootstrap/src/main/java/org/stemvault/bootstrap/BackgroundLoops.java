package org.stemvault.bootstrap;

import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way this service runs work in the background: a named round, repeated at an interval on
 * the scheduler, run again at once while it says more is waiting, never two rounds of one loop at a
 * time, and stopped on shutdown (the round under way is told to stop and is waited for; no new
 * round starts). A failure is logged once, when it starts, and its end once, when a round succeeds
 * again, so a database that is down for an hour writes two lines, not thousands.
 *
 * <p>What must not be done twice across instances is leased in the database by the use case the
 * round calls (media deletions, text-embedding jobs, push claims); a loop itself holds nothing a
 * second instance would need.
 */
@Singleton
final class BackgroundLoops {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundLoops.class);

    /** One round of work; answers whether more is waiting (then the next round starts at once). */
    @FunctionalInterface
    interface Round {
        boolean run(BooleanSupplier stopping) throws Exception;
    }

    private final TaskScheduler scheduler;
    private final List<Loop> loops = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    BackgroundLoops(@Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code round} every {@code interval}, the first time one interval from now. */
    void every(String name, Duration interval, Round round) {
        Loop loop = new Loop(name, round);
        loops.add(loop);
        loop.future = scheduler.scheduleWithFixedDelay(interval, interval, loop::tick);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        for (Loop loop : loops) {
            if (loop.future != null) {
                loop.future.cancel(false);
            }
            loop.lock.lock(); // waits for the round under way
            loop.lock.unlock();
        }
        LOG.info("background work stopped");
    }

    private final class Loop {
        final String name;
        final Round round;
        final ReentrantLock lock = new ReentrantLock();
        volatile ScheduledFuture<?> future;
        private String failing;

        Loop(String name, Round round) {
            this.name = name;
            this.round = round;
        }

        void tick() {
            if (!lock.tryLock()) {
                return; // a round of this loop is under way
            }
            try {
                while (!stopping && round.run(() -> stopping)) {
                    // more waiting: keep going before the next tick
                }
                if (failing != null) {
                    LOG.info("{}: working again", name);
                    failing = null;
                }
            } catch (Exception e) {
                String message = String.valueOf(e.getMessage());
                if (!message.equals(failing)) {
                    LOG.warn("{}: {} (logged once until it changes or recovers)", name, message);
                    failing = message;
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
