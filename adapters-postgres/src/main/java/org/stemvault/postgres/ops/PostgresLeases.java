package org.stemvault.postgres.ops;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import org.stemvault.domain.ops.Leases;
import org.stemvault.postgres.Database;

/** Leases in {@code leases}: taking one is a single upsert that only a free or own lease passes. */
@Singleton
final class PostgresLeases implements Leases {

    private final Database db;

    PostgresLeases(Database db) {
        this.db = db;
    }

    @Override
    public boolean acquire(String name, String holder, Instant now, Duration length) {
        return db.update(
                        "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)"
                                + " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder,"
                                + " expires_at = excluded.expires_at"
                                + " WHERE leases.holder = excluded.holder OR leases.expires_at < ?",
                        ps -> {
                            ps.setString(1, name);
                            ps.setString(2, holder);
                            Database.setInstant(ps, 3, now.plus(length));
                            Database.setInstant(ps, 4, now);
                        })
                == 1;
    }

    @Override
    public void release(String name, String holder) {
        db.update(
                "DELETE FROM leases WHERE name = ? AND holder = ?",
                ps -> {
                    ps.setString(1, name);
                    ps.setString(2, holder);
                });
    }
}
