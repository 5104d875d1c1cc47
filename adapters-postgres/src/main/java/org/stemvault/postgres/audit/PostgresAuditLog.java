package org.stemvault.postgres.audit;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.stemvault.domain.Position;
import org.stemvault.domain.audit.AuditEntry;
import org.stemvault.domain.audit.AuditLog;
import org.stemvault.postgres.Database;

/** The audit log in the append-only {@code audit_log} table. */
@Singleton
final class PostgresAuditLog implements AuditLog {

    private static final String COLUMNS = "id, at, actor, action, target, profile, detail";

    private final Database db;

    PostgresAuditLog(Database db) {
        this.db = db;
    }

    @Override
    public void append(AuditEntry e) {
        db.update(
                "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, e.id());
                    Database.setInstant(ps, 2, e.at());
                    ps.setString(3, e.actor());
                    ps.setString(4, e.action());
                    ps.setString(5, e.target());
                    ps.setString(6, e.profile());
                    ps.setString(7, e.detail());
                });
    }

    @Override
    public List<AuditEntry> find(
            String profile, String user, Instant since, Position after, int limit) {
        return db.list(
                """
                SELECT id, at, actor, action, target, profile, detail FROM audit_log
                WHERE (?::text IS NULL OR profile = ?)
                  AND (?::text IS NULL OR target = ? OR actor = ?)
                  AND (?::timestamptz IS NULL OR at >= ?)
                  AND (?::timestamptz IS NULL OR (at, id) < (?, ?))
                ORDER BY at DESC, id DESC
                LIMIT ?
                """,
                ps -> {
                    ps.setString(1, profile);
                    ps.setString(2, profile);
                    ps.setString(3, user);
                    ps.setString(4, user);
                    ps.setString(5, user);
                    Database.setInstant(ps, 6, since);
                    Database.setInstant(ps, 7, since);
                    Instant afterAt = after == null ? null : after.at();
                    Database.setInstant(ps, 8, afterAt);
                    Database.setInstant(ps, 9, afterAt);
                    ps.setObject(10, after == null ? null : after.id(), Types.OTHER);
                    ps.setInt(11, limit);
                },
                PostgresAuditLog::map);
    }

    private static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(
                Database.uuid(rs, "id"),
                Database.instant(rs, "at"),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("profile"),
                rs.getString("detail"));
    }
}
