package org.stemvault.postgres.profile;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.postgres.Database;

/** Reading a profile row ({@code p}). */
public final class ProfileRows {

    public static final String COLUMNS =
            "p.id, p.name, p.source_folder, p.strategy_name, p.created_at";

    private ProfileRows() {}

    public static Profile map(ResultSet rs) throws SQLException {
        return new Profile(
                new ProfileId(Database.uuid(rs, "id")),
                new ProfileName(rs.getString("name")),
                rs.getString("source_folder"),
                rs.getString("strategy_name"),
                Database.instant(rs, "created_at"));
    }
}
