package org.stemvault.web.auth;

import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The end of a login, as existing clients expect it: 302 to the frontend with the session cookie,
 * or 302 to the frontend with {@code error=<reason>} and no cookie at all.
 */
@Singleton
@Replaces(TokenCookieLoginHandler.class)
final class SessionLoginHandler extends TokenCookieLoginHandler {

    private static final Pattern REASON = Pattern.compile("[a-z_]{1,40}");

    /** The refusal reasons a metric may carry; anything else (a provider's error code) is other. */
    private static final Set<String> KNOWN =
            Set.of(
                    "email_not_verified",
                    "no_email",
                    "not_allowed",
                    "invalid_state",
                    "pkce_missing",
                    "login_failed");

    private final String frontendUrl;
    private final MeterRegistry meters;

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
            @Value("${stemvault.auth.frontend-url:/}") String frontendUrl,
            MeterRegistry meters) {
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
        this.meters = meters;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(
            Authentication authentication, HttpRequest<?> request) {
        count("admitted", "none");
        return super.loginSuccess(authentication, request).status(HttpStatus.FOUND);
    }

    @Override
    public MutableHttpResponse<?> loginFailed(
            AuthenticationResponse response, HttpRequest<?> request) {
        String reason =
                response.getMessage()
                        .filter(m -> REASON.matcher(m).matches())
                        .orElse("login_failed");
        count("refused", KNOWN.contains(reason) ? reason : "other");
        String separator = frontendUrl.contains("?") ? "&" : "?";
        return HttpResponse.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, frontendUrl + separator + "error=" + reason);
    }

    /** {@code stemvault_logins_total{outcome, reason}}. */
    private void count(String outcome, String reason) {
        meters.counter("stemvault.logins", "outcome", outcome, "reason", reason).increment();
    }
}
