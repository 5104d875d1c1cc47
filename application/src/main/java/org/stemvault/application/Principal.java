package org.stemvault.application;

import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.UserId;

/**
 * The user a request acts for, as the database says now: admin rights are never taken from an old
 * token.
 */
public record Principal(UserId id, Email email, String name, String pictureUrl, boolean admin)
        implements Caller {

    /** This user as a viewer of profiles. */
    public Viewer viewer() {
        return new Viewer(id);
    }
}
