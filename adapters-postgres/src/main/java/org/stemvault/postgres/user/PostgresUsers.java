package org.stemvault.postgres.user;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Role;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.MediaGrants;

/** Users in the {@code users} table; an email's uniqueness is {@code lower(email)}'s. */
@Singleton
final class PostgresUsers implements Users {

    private static final String COLUMNS =
            "id, email, name, picture_url, role, created_at, last_login_at";

    /** The same columns of a table aliased {@code u}, for {@link #map}. */
    static final String COLUMNS_OF_U =
            "u.id, u.email, u.name, u.picture_url, u.role, u.created_at, u.last_login_at";

    /** The advisory lock that serialises demotions. */
    private static final long ROLE_LOCK = 0x5374656d526f6c65L;

    private final Database db;
    private final MediaGrants grants;

    PostgresUsers(Database db, MediaGrants grants) {
        this.db = db;
        this.grants = grants;
    }

    @Override
    public Optional<User> byId(UserId id) {
        return db.first(
                "SELECT " + COLUMNS + " FROM users WHERE id = ?",
                ps -> ps.setObject(1, id.value()),
                PostgresUsers::map);
    }

    @Override
    public Optional<User> byEmail(Email email) {
        return db.first(
                "SELECT " + COLUMNS + " FROM users WHERE lower(email) = ?",
                ps -> ps.setString(1, email.value()),
                PostgresUsers::map);
    }

    @Override
    public List<User> all() {
        return db.list(
                "SELECT " + COLUMNS + " FROM users ORDER BY email", ps -> {}, PostgresUsers::map);
    }

    @Override
    public User signedIn(Email email, String name, String pictureUrl, Instant at) {
        User fresh = new User(UserId.random(), email, name, pictureUrl, Role.MEMBER, at, at);
        return insert(
                fresh,
                "DO UPDATE SET name = EXCLUDED.name, picture_url = EXCLUDED.picture_url,"
                        + " last_login_at = EXCLUDED.last_login_at");
    }

    @Override
    public User provision(Email email, Instant at) {
        // The no-op update makes the statement return the existing row too, in the same round trip.
        return insert(User.provisioned(email, at), "DO UPDATE SET email = users.email");
    }

    private User insert(User user, String onConflict) {
        String sql =
                "INSERT INTO users ("
                        + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT ((lower(email))) "
                        + onConflict
                        + " RETURNING "
                        + COLUMNS;
        return db.writeReturning(
                        sql,
                        ps -> {
                            ps.setObject(1, user.id().value());
                            ps.setString(2, user.email().value());
                            ps.setString(3, user.name());
                            ps.setString(4, user.pictureUrl());
                            ps.setString(5, role(user.role()));
                            Database.setInstant(ps, 6, user.createdAt());
                            Database.setInstant(ps, 7, user.lastLoginAt());
                        },
                        PostgresUsers::map)
                .orElseThrow();
    }

    @Override
    public boolean changeRole(UserId id, Role role) {
        grants.forget(); // takes away media grants: see MediaGrants
        return db.update(
                        "UPDATE users SET role = ? WHERE id = ?",
                        ps -> {
                            ps.setString(1, role(role));
                            ps.setObject(2, id.value());
                        })
                == 1;
    }

    @Override
    public Demotion demoteUnlessLastAdmin(UserId id) {
        grants.forget(); // takes away media grants: see MediaGrants
        return db.write(
                c -> {
                    try (var lock =
                            c.prepareStatement("SELECT pg_advisory_xact_lock(" + ROLE_LOCK + ")")) {
                        lock.execute();
                    }
                    // A new statement after the lock: it sees every demotion committed before this
                    // one got the lock.
                    try (var update =
                            c.prepareStatement(
                                    """
                    UPDATE users SET role = 'member'
                    WHERE id = ? AND role = 'admin'
                      AND EXISTS (SELECT 1 FROM users o WHERE o.role = 'admin' AND o.id <> ?)
                    RETURNING id""")) {
                        update.setObject(1, id.value());
                        update.setObject(2, id.value());
                        try (var rs = update.executeQuery()) {
                            if (rs.next()) {
                                return Demotion.DEMOTED;
                            }
                        }
                    }
                    return byId(id).filter(User::isAdmin).isPresent()
                            ? Demotion.LAST_ADMIN
                            : Demotion.NOT_AN_ADMIN;
                });
    }

    private static String role(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    static User map(ResultSet rs) throws SQLException {
        return new User(
                new UserId(Database.uuid(rs, "id")),
                new Email(rs.getString("email")),
                rs.getString("name"),
                rs.getString("picture_url"),
                Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)),
                Database.instant(rs, "created_at"),
                Database.instant(rs, "last_login_at"));
    }
}
