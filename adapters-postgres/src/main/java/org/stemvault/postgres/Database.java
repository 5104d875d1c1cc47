package org.stemvault.postgres;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Unavailable;

/**
 * The adapters' one way to the database: each call runs in the caller's transaction when there is
 * one, else in its own; SQL failures come out as domain or {@link DatabaseException}s, never as
 * checked ones.
 */
@Singleton
public final class Database {

    /** One unit of JDBC work on the transaction's connection. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads the current row of a result. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;

    public Database(
            TransactionOperations<Connection> transactions,
            ConnectionOperations<Connection> connections) {
        this.transactions = transactions;
        this.connections = connections;
    }

    /**
     * One statement that needs no transaction of its own (a single query is atomic by itself): run
     * with autocommit, so it costs one round trip and no {@code COMMIT}; inside the caller's
     * transaction when there is one. The hot paths read this way.
     */
    public <R> R single(Work<R> work) {
        return reachable(
                () -> connections.executeRead(status -> call(work, status.getConnection())));
    }

    /** Work of several statements that must see one snapshot: a read-only transaction. */
    public <R> R read(Work<R> work) {
        return reachable(
                () -> transactions.executeRead(status -> call(work, status.getConnection())));
    }

    public <R> R write(Work<R> work) {
        return reachable(
                () -> transactions.executeWrite(status -> call(work, status.getConnection())));
    }

    /**
     * Runs {@code work}, turning a database that cannot be reached or did not answer in time (no
     * connection within the pool's timeout, a lost connection, a socket or statement timeout) into
     * {@link Unavailable}, wherever in the transaction machinery it surfaced.
     */
    public static <R> R reachable(Supplier<R> work) {
        try {
            return work.get();
        } catch (Unavailable | Conflict e) {
            throw e;
        } catch (RuntimeException e) {
            if (unreachable(e)) {
                throw new Unavailable("the database cannot be reached now", e);
            }
            throw e;
        }
    }

    /**
     * Runs {@code work} on {@code c} with no socket timeout, then puts the connection's back: for a
     * statement that takes as long as it takes (an index build), which the socket timeout that
     * guards every other statement against a frozen database would cut off while PostgreSQL goes on
     * working for a client that is gone.
     */
    public static <R> R unhurried(Connection c, Work<R> work) throws SQLException {
        int timeout = c.getNetworkTimeout();
        c.setNetworkTimeout(Runnable::run, 0);
        try {
            return work.run(c);
        } finally {
            c.setNetworkTimeout(Runnable::run, timeout);
        }
    }

    /**
     * Runs {@code work} on {@code c} as long as it takes: without the session's statement timeout
     * nor the connection's socket timeout (see {@link #unhurried}), both put back after. Inside a
     * transaction the statement timeout is lifted to its end ({@code SET LOCAL}); outside one (a
     * statement that cannot run in a transaction, such as {@code CREATE INDEX CONCURRENTLY}) it is
     * set for the session and put back after.
     */
    public static <R> R asLongAsItTakes(Connection c, Work<R> work) throws SQLException {
        if (!c.getAutoCommit()) {
            try (var s = c.createStatement()) {
                s.execute("SET LOCAL statement_timeout = 0");
            }
            return unhurried(c, work);
        }
        String timeout;
        try (var s = c.createStatement();
                var rs = s.executeQuery("SHOW statement_timeout")) {
            rs.next();
            timeout = rs.getString(1);
        }
        setStatementTimeout(c, "0");
        try {
            return unhurried(c, work);
        } finally {
            setStatementTimeout(c, timeout);
        }
    }

    private static void setStatementTimeout(Connection c, String timeout) throws SQLException {
        try (var ps = c.prepareStatement("SELECT set_config('statement_timeout', ?, false)")) {
            ps.setString(1, timeout);
            ps.execute();
        }
    }

    /** Whether a failure, or one of its causes, says the database is away or too slow. */
    static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof ConnectionException
                    || t instanceof SocketException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08")
                        || state.equals("57014")
                        || state.equals("57P01")
                        || state.equals("57P03")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The rows of a query. */
    public <T> List<T> list(String sql, Binder binder, RowMapper<T> mapper) {
        return single(c -> rows(c, sql, binder, mapper));
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, Binder binder, RowMapper<T> mapper) {
        return single(c -> rows(c, sql, binder, mapper).stream().findFirst());
    }

    /** The rows a writing statement returns ({@code … RETURNING}). */
    public <T> List<T> writeList(String sql, Binder binder, RowMapper<T> mapper) {
        return write(c -> rows(c, sql, binder, mapper));
    }

    /** The first row a writing statement returns ({@code … RETURNING}), if any. */
    public <T> Optional<T> writeReturning(String sql, Binder binder, RowMapper<T> mapper) {
        return write(c -> rows(c, sql, binder, mapper).stream().findFirst());
    }

    /** Runs a writing statement; answers how many rows it changed. */
    public int update(String sql, Binder binder) {
        return write(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        binder.bind(ps);
                        return ps.executeUpdate();
                    }
                });
    }

    /** Runs a writing statement on the caller's connection (inside its transaction). */
    public static int run(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    private static <T> List<T> rows(Connection c, String sql, Binder binder, RowMapper<T> mapper)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    private static <R> R call(Work<R> work, Connection connection) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    static RuntimeException translate(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("23505")) {
            // PostgreSQL's own words name tables, constraints and key values: not for a client. A
            // caller that expects a conflict says what it is; one it did not expect is a race
            return new Conflict(
                    "the change conflicts with another made at the same time; try again");
        }
        if (unreachable(e)) {
            return new Unavailable("the database cannot be reached now", e);
        }
        return new DatabaseException(e);
    }

    public static void setInstant(PreparedStatement ps, int index, Instant value)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** A nullable double column, as null rather than 0. */
    public static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
