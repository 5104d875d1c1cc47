package org.stemvault.domain.recording;

import java.util.regex.Pattern;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/** What a stem holds (vocals, drums, bass, other, …): 1 to 40 of {@code a-z 0-9 _ - space}. */
public record StemType(String value) {

    private static final Pattern SHAPE = Pattern.compile("[a-z0-9_ -]{1,40}");

    public StemType {
        Checks.required("stem_type", value);
        if (!SHAPE.matcher(value).matches() || value.isBlank()) {
            throw new Invalid("stem_type", "must be 1 to 40 of a-z, 0-9, '_', '-' and space");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
