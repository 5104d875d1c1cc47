package org.stemvault.postgres.label;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.label.Labels;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.Visibility;

/**
 * Songs in {@code songs}, locations in {@code locations}: the same shape, a name unique per profile
 * whatever its case ({@code lower(name)}). Deleting one unlinks what used it (the foreign keys'
 * {@code ON DELETE SET NULL}).
 */
@Singleton
final class PostgresLabels implements Labels {

    private static final String COLUMNS = "l.id, l.profile_id, l.name, l.created_at, l.updated_at";

    private final Database db;
    private final Visibility visibility;

    PostgresLabels(Database db, Visibility visibility) {
        this.db = db;
        this.visibility = visibility;
    }

    static String table(LabelKind kind) {
        return kind == LabelKind.SONG ? "songs" : "locations";
    }

    @Override
    public Optional<List<Listed>> list(Viewer viewer, ProfileName profile, LabelKind kind) {
        String uses =
                kind == LabelKind.SONG
                        ? "(SELECT count(*) FROM clips u WHERE u.profile_id = l.profile_id"
                                + " AND u.song_id = l.id)"
                        : "(SELECT count(*) FROM recordings u WHERE u.profile_id = l.profile_id"
                                + " AND u.location_id = l.id)";
        String sql =
                Visibility.with(
                        ", chosen AS (SELECT p.id FROM visible p WHERE p.name = ?)"
                                + " SELECT c.id AS visible_profile, "
                                + COLUMNS
                                + ", "
                                + uses
                                + " AS uses FROM chosen c LEFT JOIN "
                                + table(kind)
                                + " l ON l.profile_id = c.id ORDER BY lower(l.name), l.id");
        return db.read(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(visibility.bind(ps, viewer), profile.value());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return Optional.empty();
                            }
                            List<Listed> labels = new ArrayList<>();
                            do {
                                if (rs.getObject("id") != null) {
                                    labels.add(new Listed(map(rs, kind), rs.getInt("uses")));
                                }
                            } while (rs.next());
                            return Optional.of(labels);
                        }
                    }
                });
    }

    @Override
    public Optional<Label> visible(Viewer viewer, LabelKind kind, LabelId id) {
        return db.first(
                Visibility.with(
                        " SELECT "
                                + COLUMNS
                                + " FROM "
                                + table(kind)
                                + " l JOIN visible p ON p.id = l.profile_id WHERE l.id = ?"),
                ps -> ps.setObject(visibility.bind(ps, viewer), id.value()),
                rs -> map(rs, kind));
    }

    @Override
    public void create(Label label) {
        try {
            db.update(
                    "INSERT INTO "
                            + table(label.kind())
                            + " (id, profile_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                    ps -> {
                        ps.setObject(1, label.id().value());
                        ps.setObject(2, label.profile().value());
                        ps.setString(3, label.name());
                        Database.setInstant(ps, 4, label.createdAt());
                        Database.setInstant(ps, 5, label.updatedAt());
                    });
        } catch (Conflict e) {
            throw taken(label.kind(), label.name());
        }
    }

    @Override
    public boolean rename(LabelKind kind, LabelId id, String name, Instant now) {
        try {
            return db.update(
                            "UPDATE " + table(kind) + " SET name = ?, updated_at = ? WHERE id = ?",
                            ps -> {
                                ps.setString(1, name);
                                Database.setInstant(ps, 2, now);
                                ps.setObject(3, id.value());
                            })
                    == 1;
        } catch (Conflict e) {
            throw taken(kind, name);
        }
    }

    @Override
    public int uses(LabelKind kind, LabelId id) {
        // By profile and label, as the foreign keys' indexes are.
        String sql =
                kind == LabelKind.SONG
                        ? "SELECT count(*) FROM clips WHERE profile_id = (SELECT profile_id FROM songs"
                                + " WHERE id = ?) AND song_id = ?"
                        : "SELECT count(*) FROM recordings WHERE profile_id = (SELECT profile_id FROM"
                                + " locations WHERE id = ?) AND location_id = ?";
        return db.first(
                        sql,
                        ps -> {
                            ps.setObject(1, id.value());
                            ps.setObject(2, id.value());
                        },
                        rs -> rs.getInt(1))
                .orElse(0);
    }

    @Override
    public boolean delete(LabelKind kind, LabelId id) {
        return db.update(
                        "DELETE FROM " + table(kind) + " WHERE id = ?",
                        ps -> ps.setObject(1, id.value()))
                == 1;
    }

    private static Conflict taken(LabelKind kind, String name) {
        return new Conflict(
                "a " + kind.noun() + " named '" + name + "' exists in this profile already");
    }

    private static Label map(ResultSet rs, LabelKind kind) throws SQLException {
        return new Label(
                new LabelId(Database.uuid(rs, "id")),
                kind,
                new ProfileId(Database.uuid(rs, "profile_id")),
                rs.getString("name"),
                Database.instant(rs, "created_at"),
                Database.instant(rs, "updated_at"));
    }
}
