package org.stemvault.web.library;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import org.stemvault.application.library.Library;
import org.stemvault.web.auth.Sessions;

/** The profiles a member may open. */
@Controller("/api/profiles")
@Secured(SecurityRule.IS_AUTHENTICATED)
final class ProfilesController {

    private final Library library;

    ProfilesController(Library library) {
        this.library = library;
    }

    @Get
    List<ProfileResponse> list(Authentication authentication) {
        return library.profiles(Sessions.principal(authentication)).stream().map(ProfileResponse::from).toList();
    }
}
