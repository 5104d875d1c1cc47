package org.stemvault.domain.profile;

import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * A profile's unique name; it is a path segment of API and media URLs, so it cannot hold a
 * separator.
 */
public record ProfileName(String value) {

    public ProfileName {
        Checks.name("name", value, 100);
        if (!value.equals(value.strip())) {
            throw new Invalid("name", "must not start or end with white space");
        }
        if (value.indexOf('/') >= 0
                || value.indexOf('\\') >= 0
                || value.equals(".")
                || value.equals("..")) {
            throw new Invalid("name", "must not contain a path separator or be '.' or '..'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
