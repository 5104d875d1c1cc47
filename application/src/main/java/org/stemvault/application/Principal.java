package org.stemvault.application;

import org.stemvault.application.signin.Admin;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.UserId;

/**
 * The user a request acts for, in the session it came with, as the database says now: admin rights
 * are never taken from an old token. {@code adminRight} is null for a member; only sign-in can make
 * one ({@link Admin}).
 */
public record Principal(
        UserId id, SessionId session, Email email, String name, String pictureUrl, Admin adminRight)
        implements Caller {

    /** Whether this user is an admin now. */
    public boolean admin() {
        return adminRight != null;
    }

    /** This user, in this session, as a viewer of profiles. */
    public Viewer viewer() {
        return new Viewer(id, session);
    }
}
