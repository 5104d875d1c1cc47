package org.stemvault.domain;

/**
 * Why the domain does not do what it was asked: one sealed family of outcomes, each with its {@link
 * Kind}, so an edge (the web's problem+json, the command line's exit code) maps every kind in one
 * place and the compiler names a kind it forgot. A refusal is an answer, not a fault: it carries no
 * stack trace.
 */
public abstract sealed class Refusal extends RuntimeException
        permits Conflict,
                Forbidden,
                Invalid,
                NotFound,
                TooLarge,
                Unauthenticated,
                Unavailable,
                Unsupported {

    /** Every kind of refusal. */
    public enum Kind {
        /** A value breaks a rule; {@link Invalid#field()} names it. */
        INVALID,
        /** The session's user is gone: sign in again. */
        UNAUTHENTICATED,
        /** The caller is known but may not do this. */
        FORBIDDEN,
        /** Nothing of that name, or not the caller's to see: the two answer alike. */
        NOT_FOUND,
        /** The change clashes with what is stored (a name taken, a job no longer held). */
        CONFLICT,
        /** More content than the service takes. */
        TOO_LARGE,
        /** Content of a type the service does not take. */
        UNSUPPORTED,
        /** Something the service needs cannot be reached now: try again shortly. */
        UNAVAILABLE
    }

    protected Refusal(String message, Throwable cause) {
        super(message, cause, false, false);
    }

    /** Which kind of refusal this is. */
    public abstract Kind kind();
}
