package org.stemvault.domain.library;

import java.util.Set;

/**
 * The change versions of a profile a caller already holds an answer for (from {@code
 * If-None-Match}); {@code any} when any current answer will do ({@code *}). A read that finds the
 * profile at one of them answers "unchanged" and reads no recordings.
 */
public record Known(Set<Long> versions, boolean any) {

    /** The caller holds nothing. */
    public static final Known NOTHING = new Known(Set.of(), false);

    public Known {
        versions = Set.copyOf(versions);
    }

    public boolean includes(long version) {
        return any || versions.contains(version);
    }

    public boolean isEmpty() {
        return !any && versions.isEmpty();
    }
}
