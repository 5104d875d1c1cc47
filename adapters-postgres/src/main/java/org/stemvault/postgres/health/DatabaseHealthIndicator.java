package org.stemvault.postgres.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private final Database db;

    DatabaseHealthIndicator(Database db) {
        this.db = db;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            db.read(
                    c -> {
                        try (PreparedStatement ps = c.prepareStatement(QUERY)) {
                            ps.setQueryTimeout(3);
                            try (ResultSet rs = ps.executeQuery()) {
                                rs.next();
                                details.put(
                                        "database", "PostgreSQL " + rs.getString("server_version"));
                                details.put("vector", rs.getString("vector_version"));
                            }
                        }
                        return null;
                    });
            boolean vector = details.get("vector") != null;
            healthStatus = vector ? HealthStatus.UP : HealthStatus.DOWN;
            if (!vector) {
                details.put("vector", "missing");
            }
        } catch (RuntimeException e) {
            healthStatus = HealthStatus.DOWN;
            details.put("error", rootMessage(e));
        }
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
