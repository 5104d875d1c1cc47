package org.stemvault.postgres;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.stemvault.application.signin.Admission;
import org.stemvault.domain.library.Viewer;

/**
 * The one rule of who sees which profile, as SQL. A profile-scoped statement is {@link #with} its
 * own text: it then starts with two common table expressions, {@code viewer} (the viewer's user:
 * one row while it exists and the viewer's session is open, with {@code admin} true by role or by
 * configured email) and {@code visible} (the profiles that user may see: every one for an admin,
 * else those they are a member of), whose three parameters {@link #bind} sets first.
 */
@Singleton
public final class Visibility {

    private static final String CTES =
            """
            WITH viewer AS (
                SELECT u.id, (u.role = 'admin' OR u.email = ANY (?::text[])) AS admin
                FROM users u JOIN sessions s ON s.user_id = u.id WHERE u.id = ? AND s.id = ?
            ), visible AS NOT MATERIALIZED (
                SELECT p.* FROM profiles p, viewer v
                WHERE v.admin OR EXISTS (SELECT 1 FROM user_profiles m WHERE m.profile_id = p.id AND m.user_id = v.id)
            )""";

    private final String[] configuredAdmins;

    public Visibility(Admission admission) {
        this.configuredAdmins = admission.adminEmails().toArray(String[]::new);
    }

    /**
     * A statement that can see {@code viewer} and {@code visible}: {@code rest} continues the
     * {@code WITH} list ({@code ", page AS (…) SELECT …"}) or is the query ({@code " SELECT …"}).
     */
    public static String with(String rest) {
        return CTES + rest;
    }

    /**
     * Binds the viewer to parameters 1 to 3; answers the index of the statement's own first
     * parameter.
     */
    public int bind(PreparedStatement ps, Viewer viewer) throws SQLException {
        ps.setArray(1, ps.getConnection().createArrayOf("text", configuredAdmins));
        ps.setObject(2, viewer.user().value());
        ps.setObject(3, viewer.session().value());
        return 4;
    }
}
