package org.stemvault.web.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.config.RedirectConfiguration;
import io.micronaut.security.config.RedirectService;
import io.micronaut.security.errors.PriorToLoginPersistence;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import io.micronaut.security.token.cookie.LoginCookieProvider;
import io.micronaut.security.token.cookie.RefreshTokenCookieConfiguration;
import io.micronaut.security.token.cookie.TokenCookieLoginHandler;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The end of a login, as existing clients expect it: 302 to the frontend with the session cookie,
 * or 302 to the frontend with {@code error=<reason>} and no cookie at all.
 */
@Singleton
@Replaces(TokenCookieLoginHandler.class)
final class SessionLoginHandler extends TokenCookieLoginHandler {

    private static final Pattern REASON = Pattern.compile("[a-z_]{1,40}");

    private final String frontendUrl;

    SessionLoginHandler(
            RedirectService redirectService,
            RedirectConfiguration redirectConfiguration,
            AccessTokenCookieConfiguration accessTokenCookieConfiguration,
            RefreshTokenCookieConfiguration refreshTokenCookieConfiguration,
            AccessTokenConfiguration accessTokenConfiguration,
            AccessRefreshTokenGenerator accessRefreshTokenGenerator,
            @Nullable
                    PriorToLoginPersistence<HttpRequest<?>, MutableHttpResponse<?>>
                            priorToLoginPersistence,
            List<LoginCookieProvider<HttpRequest<?>>> loginCookieProviders,
            @Value("${stemvault.auth.frontend-url:/}") String frontendUrl) {
        super(
                redirectService,
                redirectConfiguration,
                accessTokenCookieConfiguration,
                refreshTokenCookieConfiguration,
                accessTokenConfiguration,
                accessRefreshTokenGenerator,
                priorToLoginPersistence,
                loginCookieProviders);
        this.frontendUrl = frontendUrl;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(
            Authentication authentication, HttpRequest<?> request) {
        return super.loginSuccess(authentication, request).status(HttpStatus.FOUND);
    }

    @Override
    public MutableHttpResponse<?> loginFailed(
            AuthenticationResponse response, HttpRequest<?> request) {
        String reason =
                response.getMessage()
                        .filter(m -> REASON.matcher(m).matches())
                        .orElse("login_failed");
        String separator = frontendUrl.contains("?") ? "&" : "?";
        return HttpResponse.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, frontendUrl + separator + "error=" + reason);
    }
}
