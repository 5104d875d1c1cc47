package org.stemvault.domain;

/** Content of a type the service does not take; the message names the type. */
public final class Unsupported extends Refusal {

    public Unsupported(String message) {
        super(message, null);
    }

    @Override
    public Kind kind() {
        return Kind.UNSUPPORTED;
    }
}
