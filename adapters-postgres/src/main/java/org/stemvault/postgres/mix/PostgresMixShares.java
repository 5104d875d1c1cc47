package org.stemvault.postgres.mix;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.stemvault.domain.mix.MixId;
import org.stemvault.domain.mix.MixShare;
import org.stemvault.domain.mix.MixShares;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.Database;

/** Links to mixes in {@code mix_shares}; opening one counts it in the same statement. */
@Singleton
final class PostgresMixShares implements MixShares {

    private final Database db;

    PostgresMixShares(Database db) {
        this.db = db;
    }

    @Override
    public void create(MixShare share) {
        db.update(
                "INSERT INTO mix_shares (id, mix_id, token_hash, created_by, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, share.id());
                    ps.setObject(2, share.mix().value());
                    ps.setString(3, share.tokenHash());
                    ps.setObject(
                            4,
                            share.createdBy() == null ? null : share.createdBy().value(),
                            Types.OTHER);
                    Database.setInstant(ps, 5, share.createdAt());
                    Database.setInstant(ps, 6, share.expiresAt());
                });
    }

    @Override
    public Optional<MixId> open(String tokenHash, Instant now) {
        return db.writeReturning(
                "UPDATE mix_shares SET fetches = fetches + 1"
                        + " WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?"
                        + " RETURNING mix_id",
                ps -> {
                    ps.setString(1, tokenHash);
                    Database.setInstant(ps, 2, now);
                },
                rs -> new MixId(Database.uuid(rs, "mix_id")));
    }

    @Override
    public List<MixShare> of(MixId mix) {
        return db.list(
                "SELECT id, mix_id, token_hash, created_by, created_at, expires_at, revoked_at,"
                        + " fetches FROM mix_shares WHERE mix_id = ? ORDER BY created_at DESC, id",
                ps -> ps.setObject(1, mix.value()),
                PostgresMixShares::map);
    }

    @Override
    public boolean revoke(MixId mix, UUID share, Instant now) {
        return db.update(
                        "UPDATE mix_shares SET revoked_at = ?"
                                + " WHERE id = ? AND mix_id = ? AND revoked_at IS NULL",
                        ps -> {
                            Database.setInstant(ps, 1, now);
                            ps.setObject(2, share);
                            ps.setObject(3, mix.value());
                        })
                == 1;
    }

    private static MixShare map(ResultSet rs) throws SQLException {
        UUID by = Database.uuid(rs, "created_by");
        return new MixShare(
                Database.uuid(rs, "id"),
                new MixId(Database.uuid(rs, "mix_id")),
                rs.getString("token_hash"),
                by == null ? null : new UserId(by),
                Database.instant(rs, "created_at"),
                Database.instant(rs, "expires_at"),
                Database.instant(rs, "revoked_at"),
                rs.getLong("fetches"));
    }
}
