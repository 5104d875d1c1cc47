package org.stemvault.domain;

/** A request's content is larger than the service takes (HTTP 413). */
public final class TooLarge extends RuntimeException {

    public TooLarge(String message) {
        super(message, null, false, false);
    }
}
