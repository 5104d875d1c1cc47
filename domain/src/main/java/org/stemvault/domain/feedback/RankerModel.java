package org.stemvault.domain.feedback;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * A learned ranker's weights: a result's score is {@code base × its fused score (as a share of the
 * best) + exact × tanh(signal.exact / scale) + similar × tanh(signal.similar / scale)}. {@code
 * version} numbers the models in the order they were trained (0 before it is saved); {@code events}
 * and {@code pairs} say what it was learned from.
 */
public record RankerModel(
        int version,
        double base,
        double exact,
        double similar,
        double scale,
        int events,
        int pairs,
        Instant trainedAt) {

    public RankerModel {
        Checks.finite("exact", exact);
        Checks.finite("similar", similar);
        if (!(Checks.finite("base", base) > 0)) {
            throw new Invalid("base", "must be above 0: without feedback a result keeps its place");
        }
        if (!(Checks.finite("scale", scale) > 0)) {
            throw new Invalid("scale", "must be above 0");
        }
        Checks.required("trained_at", trainedAt);
    }

    /** A result's learned score. */
    public double score(double baseShare, Signal signal) {
        return base * baseShare
                + exact * Math.tanh(signal.exact() / scale)
                + similar * Math.tanh(signal.similar() / scale);
    }
}
