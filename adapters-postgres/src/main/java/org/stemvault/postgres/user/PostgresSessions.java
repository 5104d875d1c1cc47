package org.stemvault.postgres.user;

import jakarta.inject.Singleton;
import java.util.Optional;
import org.stemvault.domain.user.Session;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.Sessions;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.MediaGrants;

/**
 * Sessions in the {@code sessions} table; the hot paths check theirs inside their own statement
 * ({@link org.stemvault.postgres.Visibility}).
 */
@Singleton
final class PostgresSessions implements Sessions {

    private final Database db;
    private final MediaGrants grants;

    PostgresSessions(Database db, MediaGrants grants) {
        this.db = db;
        this.grants = grants;
    }

    @Override
    public void open(Session session) {
        db.update(
                """
                WITH expired AS (DELETE FROM sessions WHERE user_id = ? AND expires_at <= ?)
                INSERT INTO sessions (id, user_id, opened_at, expires_at) VALUES (?, ?, ?, ?)""",
                ps -> {
                    ps.setObject(1, session.user().value());
                    Database.setInstant(ps, 2, session.openedAt());
                    ps.setObject(3, session.id().value());
                    ps.setObject(4, session.user().value());
                    Database.setInstant(ps, 5, session.openedAt());
                    Database.setInstant(ps, 6, session.expiresAt());
                });
    }

    @Override
    public Optional<User> user(SessionId session, UserId user) {
        return db.first(
                "SELECT "
                        + PostgresUsers.COLUMNS_OF_U
                        + " FROM sessions s JOIN users u ON u.id = s.user_id"
                        + " WHERE s.id = ? AND s.user_id = ?",
                ps -> {
                    ps.setObject(1, session.value());
                    ps.setObject(2, user.value());
                },
                PostgresUsers::map);
    }

    @Override
    public boolean end(SessionId session, UserId user) {
        grants.forget(); // takes away media grants: see MediaGrants
        return db.update(
                        "DELETE FROM sessions WHERE id = ? AND user_id = ?",
                        ps -> {
                            ps.setObject(1, session.value());
                            ps.setObject(2, user.value());
                        })
                == 1;
    }

    @Override
    public int endAll(UserId user) {
        grants.forget(); // takes away media grants: see MediaGrants
        return db.update(
                "DELETE FROM sessions WHERE user_id = ?", ps -> ps.setObject(1, user.value()));
    }
}
