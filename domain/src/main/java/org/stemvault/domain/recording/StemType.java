package org.stemvault.domain.recording;

import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/** What a stem holds (vocals, drums, bass, other, …): 1 to 40 of {@code a-z 0-9 _ - space}. */
public record StemType(String value) {

    public StemType {
        Checks.required("stem_type", value);
        if (!shaped(value) || value.isBlank()) {
            throw new Invalid("stem_type", "must be 1 to 40 of a-z, 0-9, '_', '-' and space");
        }
    }

    /** 1 to 40 of a-z, 0-9, '_', '-' and space (a loop: it runs for every stem read). */
    private static boolean shaped(String value) {
        if (value.isEmpty() || value.length() > 40) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '-'
                    || c == ' ')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
