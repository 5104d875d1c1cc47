package org.stemvault.web.auth;

import jakarta.inject.Singleton;
import org.stemvault.domain.library.Viewer;

/**
 * The session's user as a viewer, without a database read: for the hot paths, whose one statement
 * checks the user's existence and rights together with the data.
 */
@Singleton
final class ViewerBinder extends CallerBinder<Viewer> {

    ViewerBinder(CurrentUser currentUser) {
        super(Viewer.class, currentUser::viewer);
    }
}
