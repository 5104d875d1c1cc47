package org.stemvault.web.auth;

import jakarta.inject.Singleton;
import org.stemvault.application.Caller;

/**
 * A signed-in person or a processing worker (whose token was checked when the request was
 * authenticated).
 */
@Singleton
final class AnyCallerBinder extends CallerBinder<Caller> {

    AnyCallerBinder(CurrentUser currentUser) {
        super(Caller.class, currentUser::caller);
    }
}
