package org.stemvault.web.json;

import org.stemvault.domain.Invalid;

/** A query flag: absent is false; otherwise exactly {@code true} or {@code false}. */
public final class Flags {

    private Flags() {}

    public static boolean bool(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new Invalid(name, "must be true or false");
    }
}
