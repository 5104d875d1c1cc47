package org.stemvault.web.library;

import org.stemvault.domain.Invalid;

/**
 * Query parameters read as the service's own refusals (problem+json naming the parameter), rather
 * than as the framework's conversion errors.
 */
final class QueryValues {

    private QueryValues() {}

    /** A decimal number, or null when absent; not a number (or not finite) is refused by name. */
    static Double number(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (!Double.isFinite(parsed) || value.isBlank()) {
                throw new Invalid(name, "must be a finite number");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new Invalid(name, "must be a finite number");
        }
    }

    /** {@code true} or {@code false}, or null when absent; anything else is refused by name. */
    static Boolean bool(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new Invalid(name, "must be true or false");
        };
    }
}
