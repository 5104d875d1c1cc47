package org.stemvault.domain.user;

import java.util.Locale;
import java.util.regex.Pattern;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/** An email address, trimmed and lower-cased, so that two spellings of one address are one user. */
public record Email(String value) {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Email {
        Checks.required("email", value);
        value = value.strip().toLowerCase(Locale.ROOT);
        if (value.length() > 320
                || !SHAPE.matcher(value).matches()
                || value.chars().anyMatch(Character::isISOControl)) {
            throw new Invalid("email", "is not an email address");
        }
    }

    /** The part after the {@code @}. */
    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
