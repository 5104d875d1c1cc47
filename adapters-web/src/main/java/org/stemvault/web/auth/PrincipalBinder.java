package org.stemvault.web.auth;

import jakarta.inject.Singleton;
import org.stemvault.application.Principal;

/**
 * A signed-in person as the database says now (one statement); 401 when that user no longer exists.
 */
@Singleton
final class PrincipalBinder extends CallerBinder<Principal> {

    PrincipalBinder(CurrentUser currentUser) {
        super(Principal.class, currentUser::principal);
    }
}
