package org.stemvault.postgres.signin;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import org.stemvault.application.signin.PendingLogins;
import org.stemvault.postgres.Database;

/** Pending logins in the {@code pending_logins} table: taking one deletes it, so it works once. */
@Singleton
final class PostgresPendingLogins implements PendingLogins {

    private final Database db;

    PostgresPendingLogins(Database db) {
        this.db = db;
    }

    @Override
    public void remember(String key, String value, Instant expiresAt) {
        db.update(
                """
                WITH expired AS (DELETE FROM pending_logins WHERE expires_at < now())
                INSERT INTO pending_logins (key, value, expires_at) VALUES (?, ?, ?)
                """,
                ps -> {
                    ps.setString(1, key);
                    ps.setString(2, value);
                    Database.setInstant(ps, 3, expiresAt);
                });
    }

    @Override
    public Optional<String> take(String key, Instant now) {
        return db.writeReturning(
                        "DELETE FROM pending_logins WHERE key = ? RETURNING value, expires_at",
                        ps -> ps.setString(1, key),
                        rs -> new Taken(rs.getString("value"), Database.instant(rs, "expires_at")))
                .filter(taken -> taken.expiresAt().isAfter(now))
                .map(Taken::value);
    }

    private record Taken(String value, Instant expiresAt) {}
}
