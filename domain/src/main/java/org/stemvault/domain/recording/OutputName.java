package org.stemvault.domain.recording;

import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/** A recording's folder name inside its profile, unique there; it can never name another folder. */
public record OutputName(String value) {

    public OutputName {
        Checks.text("output_name", value, 200);
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            throw new Invalid("output_name", "must not contain a path separator");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new Invalid("output_name", "must not be '.' or '..'");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new Invalid("output_name", "must not contain control characters");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
