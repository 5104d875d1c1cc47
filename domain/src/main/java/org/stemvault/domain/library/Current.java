package org.stemvault.domain.library;

/**
 * A read that may have been answered from what the caller knows: the value at the profile's change
 * {@code version}, or, when the caller holds that version ({@link Known}), only the version.
 */
public sealed interface Current<T> {

    long version();

    /** Read at {@code version}. */
    record Read<T>(T value, long version) implements Current<T> {}

    /** Still at a version the caller holds; nothing else was read. */
    record Unchanged<T>(long version) implements Current<T> {}
}
