package org.stemvault.domain;

/** The session names a user who no longer exists: the caller must sign in again. */
public final class Unauthenticated extends Refusal {

    public Unauthenticated() {
        super("the session's user no longer exists", null);
    }

    @Override
    public Kind kind() {
        return Kind.UNAUTHENTICATED;
    }
}
