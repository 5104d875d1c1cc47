package org.stemvault.bootstrap;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Locale;

/** A reason the service must not start, said in one line an operator can act on. */
public final class StartupFailure extends RuntimeException {

    public StartupFailure(String message) {
        super(message);
    }

    /**
     * One line for why start-up failed: our own reason where there is one, else the database's,
     * else the root cause's.
     */
    public static String explain(Throwable failure, String databaseUrl) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupFailure own) {
                return own.getMessage();
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("extension \"vector\"") || message.contains("vector.control")) {
                return "the PostgreSQL extension 'vector' (pgvector) is missing and cannot be created at "
                        + databaseUrl
                        + ": install pgvector (scripts/ensure-postgres.sh does) or have a superuser"
                        + " run CREATE EXTENSION vector in that database";
            }
            if (cannotConnect(t)) {
                return "cannot reach the database at "
                        + databaseUrl
                        + " ("
                        + t.getMessage()
                        + "): start PostgreSQL or set DATABASE_URL";
            }
            root = t;
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Refused, timed out, unknown database or rejected login: the database is not there for us. */
    private static boolean cannotConnect(Throwable t) {
        if (t instanceof ConnectException) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith("08")
                    || state.equals("28000")
                    || state.equals("28P01")
                    || state.equals("3D000");
        }
        return false;
    }
}
