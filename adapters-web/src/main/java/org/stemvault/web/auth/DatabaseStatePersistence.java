package org.stemvault.web.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateSerDes;
import io.micronaut.security.oauth2.endpoint.authorization.state.persistence.StatePersistence;
import io.micronaut.security.oauth2.endpoint.authorization.state.persistence.cookie.CookieStatePersistence;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.stemvault.application.signin.PendingLogins;

/**
 * Keeps the OAuth state of a login in the database, under a random key that only the browser that
 * began the login holds (an HttpOnly cookie). Any instance can finish the login, and only once:
 * taking the state deletes it, so a replayed callback finds nothing.
 */
@Singleton
@Replaces(CookieStatePersistence.class)
final class DatabaseStatePersistence implements StatePersistence {

    static final String COOKIE = "STEMVAULT_LOGIN";
    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PendingLogins pending;
    private final StateSerDes serDes;
    private final Clock clock;
    private final boolean secureCookie;

    DatabaseStatePersistence(
            PendingLogins pending,
            StateSerDes serDes,
            Clock clock,
            @Value("${micronaut.security.token.cookie.cookie-secure:true}") boolean secureCookie) {
        this.pending = pending;
        this.serDes = serDes;
        this.clock = clock;
        this.secureCookie = secureCookie;
    }

    @Override
    public Optional<State> retrieveState(HttpRequest<?> request) {
        return request.getCookies()
                .findCookie(COOKIE)
                .flatMap(cookie -> pending.take(cookie.getValue(), clock.instant()))
                .map(serDes::deserialize);
    }

    @Override
    public void persistState(HttpRequest<?> request, MutableHttpResponse response, State state) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.remember(key, serDes.serialize(state), clock.instant().plus(LIFETIME));
        response.cookie(
                Cookie.of(COOKIE, key)
                        .httpOnly(true)
                        .path("/")
                        .maxAge(LIFETIME)
                        .secure(secureCookie)
                        .sameSite(SameSite.Lax));
    }
}
