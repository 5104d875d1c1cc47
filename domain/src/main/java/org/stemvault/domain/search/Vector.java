package org.stemvault.domain.search;

import java.util.Arrays;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * An immutable embedding vector: 1 to 16,000 finite values, not all zero; equal when the values
 * are.
 */
public final class Vector {

    /** pgvector's limit for a stored vector. */
    public static final int MAX_DIMENSIONS = 16_000;

    private final float[] values;

    private Vector(float[] values) {
        this.values = values;
    }

    /** A copy of {@code values}, checked. */
    public static Vector of(float... values) {
        Checks.required("vector", values);
        if (values.length == 0 || values.length > MAX_DIMENSIONS) {
            throw new Invalid("vector", "must have 1 to " + MAX_DIMENSIONS + " values");
        }
        boolean allZero = true;
        for (float value : values) {
            if (!Float.isFinite(value)) {
                throw new Invalid("vector", "must hold finite numbers only");
            }
            allZero &= value == 0f;
        }
        if (allZero) {
            throw new Invalid("vector", "must not be all zeros");
        }
        return new Vector(values.clone());
    }

    public int dimensions() {
        return values.length;
    }

    /** A copy of the values. */
    public float[] toArray() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Vector that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Vector[" + values.length + " dimensions]";
    }
}
