package org.stemvault.domain.library;

/**
 * A files list read together with its checks: whether the session's user exists at all, and the page, which
 * is null when that user may not see the profile (or it does not exist).
 */
public record Listing(boolean userExists, Page page) {
}
