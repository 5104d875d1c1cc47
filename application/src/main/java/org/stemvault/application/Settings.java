package org.stemvault.application;

import java.time.Duration;
import java.util.function.Function;

/** Settings as an operator writes them. */
public final class Settings {

    private Settings() {}

    /**
     * A duration setting: {@code 0} (which the framework's own conversion does not read), or what
     * {@code parse} reads ({@code 10s}, {@code 1m}), never negative; anything else is an {@link
     * IllegalArgumentException} naming the variable and giving {@code examples}.
     */
    public static Duration zeroOrDuration(
            String variable, String value, Function<String, Duration> parse, String examples) {
        String v = value == null ? "" : value.strip();
        if (v.equals("0")) {
            return Duration.ZERO;
        }
        try {
            Duration d = parse.apply(v);
            if (d != null && !d.isNegative()) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                variable + ": '" + v + "' is not 0 nor a duration such as " + examples);
    }
}
