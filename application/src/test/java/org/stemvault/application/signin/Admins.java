package org.stemvault.application.signin;

/**
 * Admin rights for tests that start past sign-in (the fakes' principals): the one place outside
 * sign-in that builds {@link Admin}, and it is test code.
 */
public final class Admins {

    private Admins() {}

    public static Admin named(String name) {
        return new Admin(name);
    }
}
