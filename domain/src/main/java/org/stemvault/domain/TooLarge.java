package org.stemvault.domain;

/** A request's content is larger than the service takes. */
public final class TooLarge extends Refusal {

    public TooLarge(String message) {
        super(message, null);
    }

    @Override
    public Kind kind() {
        return Kind.TOO_LARGE;
    }
}
