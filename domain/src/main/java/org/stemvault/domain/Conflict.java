package org.stemvault.domain;

/** A write that would break a uniqueness rule (a name or hash already taken). */
public final class Conflict extends Refusal {

    public Conflict(String message) {
        super(message, null);
    }

    @Override
    public Kind kind() {
        return Kind.CONFLICT;
    }
}
