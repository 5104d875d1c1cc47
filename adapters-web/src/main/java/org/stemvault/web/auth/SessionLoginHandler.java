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
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The end of a login, as existing clients expect it: 302 to the frontend with the session token, as
 * the HttpOnly cookie (the migration-era client), as the URL fragment {@code #token=<jwt>} (the
 * newest client keeps it in browser storage), or both ({@code stemvault.auth.token-delivery}); or
 * 302 to the frontend with {@code error=<reason>} and no token at all. Cookie and fragment carry
 * the same token, of the one session the login opened.
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

    /** Where a login's session token goes. */
    enum Delivery {
        COOKIE,
        FRAGMENT,
        BOTH;

        static Delivery of(String value) {
            for (Delivery d : values()) {
                if (d.name().equalsIgnoreCase(value.strip())) {
                    return d;
                }
            }
            throw new IllegalArgumentException(
                    "stemvault.auth.token-delivery must be cookie, fragment or both, not '"
                            + value
                            + "'");
        }
    }

    private final String frontendUrl;
    private final MeterRegistry meters;
    private final Delivery delivery;

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
            @Value("${stemvault.auth.token-delivery:both}") String delivery,
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
        this.delivery = Delivery.of(delivery);
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(
            Authentication authentication, HttpRequest<?> request) {
        AccessRefreshToken token =
                accessRefreshTokenGenerator
                        .generate(authentication)
                        .orElseThrow(() -> new IllegalStateException("no session token was made"));
        MutableHttpResponse<?> response = createSuccessResponse(request).status(HttpStatus.FOUND);
        if (delivery != Delivery.FRAGMENT) {
            applyCookies(response, getCookies(token, request));
        }
        if (delivery != Delivery.COOKIE) {
            // A fragment never reaches a server (not in a request line, a log or a Referer).
            String location = response.getHeaders().get(HttpHeaders.LOCATION);
            String target = location == null ? frontendUrl : location;
            int hash = target.indexOf('#');
            response.getHeaders()
                    .set(
                            HttpHeaders.LOCATION,
                            (hash < 0 ? target : target.substring(0, hash))
                                    + "#token="
                                    + token.getAccessToken());
        }
        count("admitted", "none");
        return response;
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
