package org.stemvault.domain.audio;

import java.util.Locale;
import java.util.regex.Pattern;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/** A SHA-256 digest as 64 lower-case hex characters (upper-case input is accepted and lowered). */
public record Sha256(String value) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Sha256 {
        Checks.required("sha256", value);
        value = value.toLowerCase(Locale.ROOT);
        if (!HEX.matcher(value).matches()) {
            throw new Invalid("sha256", "must be 64 hexadecimal characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
