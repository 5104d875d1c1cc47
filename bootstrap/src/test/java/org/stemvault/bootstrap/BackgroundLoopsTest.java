package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.micronaut.scheduling.ScheduledExecutorTaskScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The one helper behind all scheduled work: rounds, one at a time, a failure logged once, stop. */
class BackgroundLoopsTest {

    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    final BackgroundLoops loops = new BackgroundLoops(new ScheduledExecutorTaskScheduler(executor));
    final ServiceLog log = new ServiceLog();

    /** The loops' own lines are INFO (recovery) and WARN (failure): both heard here. */
    final Logger loopLog = (Logger) LoggerFactory.getLogger(BackgroundLoops.class);

    final Level level = loopLog.getLevel();

    {
        loopLog.setLevel(Level.INFO);
    }

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
        loopLog.setLevel(level);
    }

    @Test
    void a_round_runs_again_at_once_while_more_is_waiting() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        CountDownLatch drained = new CountDownLatch(1);
        loops.every(
                "queue",
                Duration.ofMillis(20),
                stopping -> {
                    if (rounds.incrementAndGet() == 5) {
                        drained.countDown();
                        return false;
                    }
                    return rounds.get() < 5;
                });
        assertTrue(drained.await(5, TimeUnit.SECONDS));
        loops.stop();
        assertTrue(rounds.get() >= 5, "four rounds with more waiting, then the last");
    }

    @Test
    void a_failure_is_logged_once_until_it_recovers_and_its_recovery_once() throws Exception {
        log.listen();
        AtomicInteger ticks = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        loops.every(
                "flaky",
                Duration.ofMillis(10),
                stopping -> {
                    int tick = ticks.incrementAndGet();
                    if (tick <= 20) {
                        throw new IllegalStateException("the database is down");
                    }
                    if (tick >= 25) {
                        done.countDown();
                    }
                    return false;
                });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        loops.stop();
        List<String> down = log.messages("org.stemvault.bootstrap", "the database is down");
        List<String> up = log.messages("org.stemvault.bootstrap", "flaky: working again");
        assertEquals(1, down.size(), "twenty failing rounds, one line: " + down);
        assertEquals(1, up.size());
        log.assertNoStackTraces();
    }

    @Test
    void stop_waits_for_the_round_under_way_which_is_told_to_stop() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean sawStop = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        loops.every(
                "long",
                Duration.ofMillis(10),
                stopping -> {
                    rounds.incrementAndGet();
                    started.countDown();
                    while (!stopping.getAsBoolean()) {
                        Thread.onSpinWait();
                    }
                    sawStop.set(true);
                    return true; // "more waiting": the loop must not start another
                });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        loops.stop();
        assertTrue(sawStop.get(), "stop returned only after the round saw it and ended");
        int after = rounds.get();
        Thread.sleep(100);
        assertEquals(after, rounds.get(), "no round starts after stop");
    }
}
