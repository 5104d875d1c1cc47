package org.stemvault.postgres;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;
import org.stemvault.application.Transactions;

/** Use-case transactions on the JDBC connection that every adapter call joins. */
@Singleton
final class PostgresTransactions implements Transactions {

    private final TransactionOperations<Connection> transactions;

    PostgresTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return Database.reachable(() -> transactions.executeWrite(status -> work.get()));
    }
}
