package org.stemvault.domain;

/** Small argument checks shared by the domain's constructors; each failure names the field. */
public final class Checks {

    private Checks() {}

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new Invalid(field, "is required");
        }
        return value;
    }

    public static String text(String field, String value, int maxLength) {
        required(field, value);
        if (value.isBlank()) {
            throw new Invalid(field, "must not be blank");
        }
        return bounded(field, value, maxLength);
    }

    /**
     * A name shown to people (a song, a location, a clip, a recording, a worker token): text as
     * {@link #text} requires, and no control character (Unicode category Cc: C0, DEL, C1), which
     * could ring, erase or recolour what shows it.
     */
    public static String name(String field, String value, int maxLength) {
        text(field, value, maxLength);
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new Invalid(field, "must not contain control characters");
        }
        return value;
    }

    public static String optionalText(String field, String value, int maxLength) {
        return value == null ? null : bounded(field, value, maxLength);
    }

    private static String bounded(String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new Invalid(field, "must be at most " + maxLength + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw new Invalid(field, "must not contain a NUL character");
        }
        return value;
    }

    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new Invalid(field, "must be a finite number");
        }
        return value;
    }

    public static double positive(String field, double value) {
        if (!(finite(field, value) > 0)) {
            throw new Invalid(field, "must be greater than 0");
        }
        return value;
    }

    public static long notNegative(String field, long value) {
        if (value < 0) {
            throw new Invalid(field, "must not be negative");
        }
        return value;
    }
}
