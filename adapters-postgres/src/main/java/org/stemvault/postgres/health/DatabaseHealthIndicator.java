package org.stemvault.postgres.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.stemvault.postgres.Database;

/**
 * The database and its vector extension: UP with both versions when a connection answers and
 * pgvector is installed, DOWN otherwise. The pool's short connection timeout bounds how long a dead
 * database takes to show, and every check asks the pool again, so it comes back by itself.
 */
@Singleton
@Readiness
final class DatabaseHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private static final String QUERY =
            """
            SELECT current_setting('server_version') AS server_version,
                   (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS vector_version
            """;

    static final long WAIT_MILLIS = 1500;

    /** One daemon thread: a stuck check does not keep the JVM alive, nor pile up. */
    private static final ExecutorService EXECUTOR =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "stemvault-health-database");
                        t.setDaemon(true);
                        return t;
                    });

    private final Database db;
    private CompletableFuture<Map<String, Object>> running;

    DatabaseHealthIndicator(Database db) {
        this.db = db;
    }

    /**
     * The check runs on a thread of its own and is waited for {@value #WAIT_MILLIS} ms at most: a
     * frozen database makes readiness DOWN at once instead of holding the probe. While an earlier
     * check is still stuck, no second one is started.
     */
    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        CompletableFuture<Map<String, Object>> check;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = CompletableFuture.supplyAsync(this::check, EXECUTOR);
            }
            check = running;
        }
        try {
            details.putAll(check.get(WAIT_MILLIS, TimeUnit.MILLISECONDS));
            boolean vector = details.get("vector") != null;
            healthStatus = vector ? HealthStatus.UP : HealthStatus.DOWN;
            if (!vector) {
                details.put("vector", "missing");
            }
        } catch (TimeoutException e) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", "the database did not answer within " + WAIT_MILLIS + " ms");
        } catch (ExecutionException e) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", rootMessage(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            healthStatus = HealthStatus.DOWN;
            details.put("error", "interrupted");
        }
        return details;
    }

    private Map<String, Object> check() {
        Map<String, Object> details = new LinkedHashMap<>();
        db.read(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(QUERY)) {
                        ps.setQueryTimeout(3);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            details.put("database", "PostgreSQL " + rs.getString("server_version"));
                            details.put("vector", rs.getString("vector_version"));
                        }
                    }
                    return null;
                });
        return details;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    protected String getName() {
        return "database";
    }
}
