package org.stemvault.domain;

/**
 * Something the service needs (the database) cannot be reached, or did not answer in time: try
 * again later.
 */
public final class Unavailable extends Refusal {

    public Unavailable(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.UNAVAILABLE;
    }
}
