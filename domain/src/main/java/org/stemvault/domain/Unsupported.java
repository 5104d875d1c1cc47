package org.stemvault.domain;

/** Content of a type the service does not take (HTTP 415); the message names the type. */
public final class Unsupported extends RuntimeException {

    public Unsupported(String message) {
        super(message, null, false, false);
    }
}
