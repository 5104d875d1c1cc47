package org.stemvault.application;

import java.util.function.Supplier;

/**
 * Where a unit of work begins and ends: everything {@code work} writes lands together or not at
 * all.
 */
public interface Transactions {

    /**
     * Runs {@code work} in one transaction, joining the caller's if there is one; rolls back when
     * it throws.
     */
    <T> T inTransaction(Supplier<T> work);
}
