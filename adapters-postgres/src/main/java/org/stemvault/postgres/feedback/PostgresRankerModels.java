package org.stemvault.postgres.feedback;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.stemvault.domain.feedback.RankerModel;
import org.stemvault.domain.feedback.RankerModels;
import org.stemvault.postgres.Database;

/** The learned rankers in {@code ranker_models}, numbered by a sequence. */
@Singleton
final class PostgresRankerModels implements RankerModels {

    private static final String COLUMNS =
            "version, base_weight, exact_weight, similar_weight, scale, events, pairs, trained_at";

    private final Database db;

    PostgresRankerModels(Database db) {
        this.db = db;
    }

    @Override
    public RankerModel save(RankerModel m) {
        return db.writeReturning(
                        "INSERT INTO ranker_models (base_weight, exact_weight, similar_weight, scale, events, pairs,"
                                + " trained_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING "
                                + COLUMNS,
                        ps -> {
                            ps.setDouble(1, m.base());
                            ps.setDouble(2, m.exact());
                            ps.setDouble(3, m.similar());
                            ps.setDouble(4, m.scale());
                            ps.setInt(5, m.events());
                            ps.setInt(6, m.pairs());
                            Database.setInstant(ps, 7, m.trainedAt());
                        },
                        PostgresRankerModels::map)
                .orElseThrow();
    }

    @Override
    public Optional<RankerModel> newest() {
        return db.first(
                "SELECT " + COLUMNS + " FROM ranker_models ORDER BY version DESC LIMIT 1",
                ps -> {},
                PostgresRankerModels::map);
    }

    private static RankerModel map(ResultSet rs) throws SQLException {
        return new RankerModel(
                rs.getInt("version"),
                rs.getDouble("base_weight"),
                rs.getDouble("exact_weight"),
                rs.getDouble("similar_weight"),
                rs.getDouble("scale"),
                rs.getInt("events"),
                rs.getInt("pairs"),
                Database.instant(rs, "trained_at"));
    }
}
