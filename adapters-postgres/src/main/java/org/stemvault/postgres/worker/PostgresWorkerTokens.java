package org.stemvault.postgres.worker;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.stemvault.domain.worker.WorkerToken;
import org.stemvault.domain.worker.WorkerTokenId;
import org.stemvault.domain.worker.WorkerTokens;
import org.stemvault.postgres.Database;

/** Worker credentials in the {@code worker_tokens} table. */
@Singleton
final class PostgresWorkerTokens implements WorkerTokens {

    private static final String COLUMNS = "id, name, created_at, expires_at, revoked_at";

    private final Database db;

    PostgresWorkerTokens(Database db) {
        this.db = db;
    }

    @Override
    public void create(WorkerToken token) {
        db.update(
                "INSERT INTO worker_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, token.id().value());
                    ps.setString(2, token.name());
                    Database.setInstant(ps, 3, token.createdAt());
                    Database.setInstant(ps, 4, token.expiresAt());
                    Database.setInstant(ps, 5, token.revokedAt());
                });
    }

    @Override
    public Optional<WorkerToken> byId(WorkerTokenId id) {
        return db.first(
                "SELECT " + COLUMNS + " FROM worker_tokens WHERE id = ?",
                ps -> ps.setObject(1, id.value()),
                PostgresWorkerTokens::map);
    }

    @Override
    public List<WorkerToken> all() {
        return db.list(
                "SELECT " + COLUMNS + " FROM worker_tokens ORDER BY created_at DESC, id",
                ps -> {},
                PostgresWorkerTokens::map);
    }

    @Override
    public boolean revoke(WorkerTokenId id, Instant at) {
        return db.update(
                        "UPDATE worker_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                        ps -> {
                            Database.setInstant(ps, 1, at);
                            ps.setObject(2, id.value());
                        })
                == 1;
    }

    private static WorkerToken map(ResultSet rs) throws SQLException {
        return new WorkerToken(
                new WorkerTokenId(Database.uuid(rs, "id")),
                rs.getString("name"),
                Database.instant(rs, "created_at"),
                Database.instant(rs, "expires_at"),
                Database.instant(rs, "revoked_at"));
    }
}
