package org.stemvault.postgres.job;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.domain.job.JobChanges;
import org.stemvault.domain.job.JobId;

/**
 * Job changes as PostgreSQL announces them ({@code NOTIFY stemvault_jobs}, sent by a trigger on
 * {@code jobs} when the changing transaction commits, whichever instance ran it). One connection of
 * its own, outside the pool, listens on a daemon thread once the first watch is asked for; after a
 * lost connection it listens again and wakes every watcher, since a change may have passed unheard
 * meanwhile.
 */
@Singleton
final class PostgresJobChanges implements JobChanges {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresJobChanges.class);
    static final String CHANNEL = "stemvault_jobs";

    private final String url;
    private final Properties credentials = new Properties();
    private final Map<JobId, Set<Runnable>> watchers = new ConcurrentHashMap<>();
    private final CountDownLatch listening = new CountDownLatch(1);
    private volatile boolean closed;
    private Thread listener;

    PostgresJobChanges(
            @Value("${datasources.default.url}") String url,
            @Value("${datasources.default.username:}") String username,
            @Value("${datasources.default.password:}") String password) {
        this.url = url;
        if (!username.isEmpty()) {
            credentials.setProperty("user", username);
        }
        if (!password.isEmpty()) {
            credentials.setProperty("password", password);
        }
    }

    @Override
    public Watch watch(JobId id, Runnable changed) {
        start();
        watchers.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(changed);
        return () ->
                watchers.computeIfPresent(
                        id,
                        (k, set) -> {
                            set.remove(changed);
                            return set.isEmpty() ? null : set;
                        });
    }

    /**
     * Starts listening, and waits (briefly) until it does, so that no change after a watch goes
     * unheard.
     */
    private void start() {
        synchronized (this) {
            if (listener == null) {
                listener = new Thread(this::listen, "stemvault-job-changes");
                listener.setDaemon(true);
                listener.start();
            }
        }
        try {
            if (!listening.await(2, TimeUnit.SECONDS)) {
                LOG.warn("job changes: not listening yet; long-polls answer at their timeout");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        while (!closed) {
            try (Connection c = DriverManager.getConnection(url, credentials)) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                if (listening.getCount() == 0) {
                    // listening again after a lost connection: a change may have passed unheard
                    watchers.values().forEach(set -> set.forEach(Runnable::run));
                }
                listening.countDown();
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            fire(n.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!closed) {
                    LOG.warn("job changes: listening stopped ({}); again in 1 s", e.getMessage());
                    sleep();
                }
            }
        }
    }

    private void fire(String id) {
        Set<Runnable> set;
        try {
            set = watchers.get(new JobId(UUID.fromString(id)));
        } catch (IllegalArgumentException e) {
            return;
        }
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void close() {
        closed = true;
    }
}
