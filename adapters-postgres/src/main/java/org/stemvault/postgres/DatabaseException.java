package org.stemvault.postgres;

import java.sql.SQLException;

/**
 * A database failure that is not the caller's fault: unreachable, timed out, or a bug in our SQL.
 */
public final class DatabaseException extends RuntimeException {

    DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * True when the database could not be reached (SQL state class 08), as opposed to a failed
     * statement.
     */
    public boolean unreachable() {
        return getCause() instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("08");
    }
}
