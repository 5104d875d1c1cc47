package org.stemvault.web.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.oauth2.client.OauthClient;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.inject.Named;
import org.reactivestreams.Publisher;
import org.stemvault.domain.Invalid;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Flags;

/**
 * The session contract existing web clients speak: login, status and logout under {@code /auth}.
 */
@Problems
@SecurityRequirements
@Controller("/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
final class AuthController {

    private final OauthClient google;
    private final AccessTokenCookieConfiguration cookie;
    private final CurrentUser currentUser;

    AuthController(
            @Named("google") OauthClient google,
            AccessTokenCookieConfiguration cookie,
            CurrentUser currentUser) {
        this.google = google;
        this.cookie = cookie;
        this.currentUser = currentUser;
    }

    /** Starts the OpenID Connect login: 302 to the provider with state, nonce and PKCE. */
    @Get("/login")
    Publisher<MutableHttpResponse<?>> login(HttpRequest<?> request) {
        return google.authorizationRedirect(request);
    }

    @Get("/status")
    StatusResponse status(@Nullable Authentication authentication) {
        if (authentication == null || authentication.getRoles().contains(Sessions.WORKER)) {
            return new StatusResponse(false, null);
        }
        return currentUser
                .find(authentication)
                .map(
                        p ->
                                new StatusResponse(
                                        true,
                                        new StatusResponse.User(
                                                p.id().toString(),
                                                p.name(),
                                                p.email().value(),
                                                p.pictureUrl())))
                .orElse(new StatusResponse(false, null));
    }

    /**
     * Ends the request's session (its token, cookie or bearer, is refused from the next request on)
     * and clears the cookie; always {@code {"success": true}}, signed in or not.
     */
    @Get("/logout{?everywhere}")
    HttpResponse<LogoutResponse> logout(
            @Nullable Authentication authentication, @Nullable @QueryValue String everywhere) {
        if (everywhere != null) {
            throw new Invalid("everywhere", "signing out everywhere takes POST /auth/logout");
        }
        return signOut(authentication, false);
    }

    /** As the GET; with {@code ?everywhere=true} it ends every session of the user. */
    @Post("/logout{?everywhere}")
    HttpResponse<LogoutResponse> logoutByPost(
            @Nullable Authentication authentication, @Nullable @QueryValue String everywhere) {
        return signOut(authentication, Flags.bool("everywhere", everywhere));
    }

    private HttpResponse<LogoutResponse> signOut(
            @Nullable Authentication authentication, boolean everywhere) {
        if (authentication != null && !authentication.getRoles().contains(Sessions.WORKER)) {
            currentUser.signOut(authentication, everywhere);
        }
        Cookie cleared = Cookie.of(cookie.getCookieName(), "").configure(cookie).maxAge(0);
        return HttpResponse.ok(new LogoutResponse(true)).cookie(cleared);
    }

    /** {@code {"authenticated": false}} or {@code {"authenticated": true, "user": {…}}}. */
    @Serdeable
    record StatusResponse(
            boolean authenticated, @JsonInclude(JsonInclude.Include.NON_NULL) User user) {

        /** The signed-in user as the frontend shows them. */
        @Serdeable
        @JsonInclude(JsonInclude.Include.ALWAYS)
        record User(String id, String name, String email, String picture) {}
    }

    @Serdeable
    record LogoutResponse(boolean success) {}
}
