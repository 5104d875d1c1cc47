package org.stemvault.domain.job;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.stemvault.domain.Invalid;

/**
 * What a job does: {@code separate} an uploaded take into stems, {@code render} a take-away mix of
 * a recording's stems, or {@code analyze} a recording's stored stems (tempo, beats, key). Kinds
 * share the one queue; a worker says which kinds it takes.
 */
public enum JobKind {
    SEPARATE,
    RENDER,
    ANALYZE;

    /** Every kind: what a worker that takes any job asks for. */
    public static final Set<JobKind> ALL =
            Collections.unmodifiableSet(EnumSet.allOf(JobKind.class));

    /** The kind's name in lower case: how it is shown, stored and asked for by workers. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobKind fromCode(String value) {
        for (JobKind k : values()) {
            if (k.code().equals(value)) {
                return k;
            }
        }
        throw new Invalid(
                "kinds",
                "must be among "
                        + Arrays.stream(values())
                                .map(JobKind::code)
                                .collect(Collectors.joining(", ")));
    }
}
