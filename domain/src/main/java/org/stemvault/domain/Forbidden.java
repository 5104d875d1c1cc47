package org.stemvault.domain;

/**
 * The caller is known but may not do this (a member calling a worker's endpoint, a worker an
 * admin's).
 */
public final class Forbidden extends Refusal {

    public Forbidden(String message) {
        super(message, null);
    }

    @Override
    public Kind kind() {
        return Kind.FORBIDDEN;
    }
}
