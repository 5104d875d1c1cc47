package org.stemvault.domain;

/**
 * The caller is known but may not do this (a member calling a worker's endpoint, a worker an
 * admin's).
 */
public final class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message, null, false, false);
    }
}
