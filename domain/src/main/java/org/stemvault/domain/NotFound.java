package org.stemvault.domain;

/** Something the caller asked for does not exist, or is not theirs to see: the two answer alike. */
public final class NotFound extends Refusal {

    public NotFound(String message) {
        super(message, null);
    }

    @Override
    public Kind kind() {
        return Kind.NOT_FOUND;
    }
}
