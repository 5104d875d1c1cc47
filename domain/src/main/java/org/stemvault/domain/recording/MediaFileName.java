package org.stemvault.domain.recording;

import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * A media file's path relative to its recording's folder ({@code vocals.opus}): never absolute,
 * never a URL, never a {@code ..} segment, so it cannot point outside that folder.
 */
public record MediaFileName(String value) {

    public MediaFileName {
        check("file", value);
    }

    /** Parses a value from input, naming {@code field} when it is not a media file name. */
    public static MediaFileName of(String field, String value) {
        check(field, value);
        return new MediaFileName(value);
    }

    private static void check(String field, String value) {
        Checks.text(field, value, 500);
        if (value.startsWith("/") || value.indexOf('\\') >= 0 || value.indexOf(':') >= 0) {
            throw new Invalid(field, "must be a path relative to the recording's folder");
        }
        // One pass, allocating nothing: every segment between slashes, and every character.
        int start = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == '/') {
                int length = i - start;
                if (length == 0
                        || (length <= 2 && value.startsWith(length == 1 ? "." : "..", start))) {
                    throw new Invalid(field, "must not contain empty, '.' or '..' segments");
                }
                start = i + 1;
            } else if (Character.isISOControl(value.charAt(i))) {
                throw new Invalid(field, "must not contain control characters");
            }
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
