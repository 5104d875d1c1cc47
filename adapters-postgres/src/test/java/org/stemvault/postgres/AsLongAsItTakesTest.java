package org.stemvault.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Work that takes as long as it takes runs past the session's statement timeout and the
 * connection's socket timeout, and both are back after it, in a transaction or outside one.
 */
class AsLongAsItTakesTest {

    private static final int SOCKET_TIMEOUT_MS = 5_000;

    private static Connection guarded() throws SQLException {
        Connection c = TestDatabase.connect();
        try (var s = c.createStatement()) {
            s.execute("SET statement_timeout = '100ms'");
        }
        c.setNetworkTimeout(Runnable::run, SOCKET_TIMEOUT_MS);
        return c;
    }

    private static void sleep(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("SELECT pg_sleep(0.3)");
        }
    }

    private static String statementTimeout(Connection c) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery("SHOW statement_timeout")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void outside_a_transaction_the_session_timeout_is_lifted_and_put_back() throws SQLException {
        try (Connection c = guarded()) {
            assertThrows(SQLException.class, () -> sleep(c), "the guard holds without it");
            int network =
                    Database.asLongAsItTakes(
                            c,
                            x -> {
                                sleep(x);
                                return x.getNetworkTimeout();
                            });
            assertEquals(0, network, "no socket timeout while it runs");
            assertEquals("100ms", statementTimeout(c));
            assertEquals(SOCKET_TIMEOUT_MS, c.getNetworkTimeout());
            assertThrows(SQLException.class, () -> sleep(c), "the guard is back");
        }
    }

    @Test
    void in_a_transaction_the_timeout_is_lifted_to_its_end() throws SQLException {
        try (Connection c = guarded()) {
            c.setAutoCommit(false);
            Database.asLongAsItTakes(
                    c,
                    x -> {
                        sleep(x);
                        return null;
                    });
            sleep(c); // still this transaction
            assertEquals(SOCKET_TIMEOUT_MS, c.getNetworkTimeout());
            c.commit();
            assertEquals("100ms", statementTimeout(c));
            assertThrows(SQLException.class, () -> sleep(c), "the guard is back");
            c.rollback();
        }
    }
}
