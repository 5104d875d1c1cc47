package org.stemvault.domain;

/** A write that would break a uniqueness rule (a name or hash already taken). */
public final class Conflict extends RuntimeException {

    public Conflict(String message) {
        super(message);
    }
}
