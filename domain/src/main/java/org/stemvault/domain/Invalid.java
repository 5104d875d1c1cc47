package org.stemvault.domain;

/**
 * A value that breaks a domain rule; {@link #field()} names what was wrong, in the API's snake_case
 * words.
 */
public final class Invalid extends Refusal {

    private final String field;

    public Invalid(String field, String reason) {
        super(field + ": " + reason, null);
        this.field = field;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }

    @Override
    public Kind kind() {
        return Kind.INVALID;
    }
}
