package org.stemvault.web.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.stemvault.domain.Unavailable;

/**
 * Cross-site request forgery guard for every state-changing call a session cookie can make. The
 * rule depends on the ambient credential, not on other headers: a request that carries the session
 * cookie is treated as cookie-authenticated whatever {@code Authorization} header it also sends,
 * and must carry {@code X-Requested-With: stemvault} (which a page on another origin cannot add
 * without a CORS preflight that only listed origins pass), unless its bearer token is the cookie's
 * own token (the same session: another site can read neither). A request without the cookie has no
 * ambient credential (a bearer token, or nothing) and passes. As a second line, an {@code Origin}
 * (or, without one, a {@code Referer}) that is not this service, the frontend or a listed CORS
 * origin is refused on every such call.
 *
 * <p>The existing web client's two changes (renaming a recording, uploading a take) send no such
 * header, nor can a search feedback sent with {@code navigator.sendBeacon}: for those the browser's
 * {@code Origin} (or {@code Referer}), which a page cannot forge, must name an allowed origin
 * instead. A cookie whose session has ended (or whose user no longer exists) answers 401, as it
 * would on any other call, before the guard's 403.
 */
@ServerFilter({"/api/**", "/auth/**", "/media/**"})
final class CsrfGuard implements Ordered {

    static final String HEADER = "X-Requested-With";
    static final String VALUE = "stemvault";
    private static final Set<HttpMethod> SAFE =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);
    private static final Pattern EXISTING_CLIENT =
            Pattern.compile(
                    "PATCH /api/profiles/[^/]+/files/[^/]+/display-name"
                            + "|POST /api/upload/[^/]+"
                            + "|POST /api/search/[^/]+/feedback");
    // A search is a read sent by POST; logout is also a GET for the existing client, which no
    // guard can cover, so guarding its POST would protect nothing.
    private static final Pattern UNGUARDED = Pattern.compile("POST /api/search|POST /auth/logout");

    private static final String BEARER = "Bearer ";

    private static final CompletionStage<@Nullable MutableHttpResponse<?>> PASS =
            CompletableFuture.completedFuture(null);

    private final ErrorResponseProcessor<?> errors;
    private final CurrentUser users;
    private final ExecutorService blocking;
    private final String cookieName;
    private final List<String> allowedOrigins;

    CsrfGuard(
            ErrorResponseProcessor<?> errors,
            CurrentUser users,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            @Value("${micronaut.security.token.cookie.cookie-name:JWT}") String cookieName,
            @Value("${micronaut.server.cors.configurations.web.allowed-origins:}")
                    List<String> corsOrigins,
            @Value("${stemvault.auth.frontend-url:/}") String frontendUrl) {
        this.errors = errors;
        this.users = users;
        this.blocking = blocking;
        this.cookieName = cookieName;
        this.allowedOrigins =
                Stream.concat(corsOrigins.stream(), Origins.of(frontendUrl).stream())
                        .map(CsrfGuard::normalized)
                        .toList();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    CompletionStage<@Nullable MutableHttpResponse<?>> check(HttpRequest<?> request) {
        Supplier<MutableHttpResponse<?>> refusal = refusal(request);
        return refusal == null ? PASS : CompletableFuture.supplyAsync(refusal, blocking);
    }

    /** How the request is refused (run off the event loop), or {@code null} when it passes. */
    @Nullable
    private Supplier<MutableHttpResponse<?>> refusal(HttpRequest<?> request) {
        if (SAFE.contains(request.getMethod())) {
            return null;
        }
        Optional<String> cookie =
                request.getCookies().findCookie(cookieName).map(c -> c.getValue());
        if (cookie.isEmpty() || sameTokenAsBearer(request, cookie.get())) {
            return null;
        }
        String route = request.getMethodName() + " " + request.getPath();
        if (UNGUARDED.matcher(route).matches()) {
            return null;
        }
        Optional<String> origin = claimedOrigin(request);
        String refusal;
        if (origin.isPresent() && !allowed(origin.get(), request)) {
            refusal = "a change from the origin " + origin.get() + " is not accepted";
        } else if (VALUE.equals(request.getHeaders().get(HEADER))
                || (origin.isPresent() && EXISTING_CLIENT.matcher(route).matches())) {
            return null;
        } else {
            refusal =
                    "a state-changing call on the session cookie needs the header "
                            + HEADER
                            + ": "
                            + VALUE;
        }
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty()) {
            // The cookie did not authenticate: there is no ambient credential to forge with.
            return null;
        }
        return () -> answer(request, authentication.get(), refusal);
    }

    private MutableHttpResponse<?> answer(
            HttpRequest<?> request, Authentication authentication, String refusal) {
        boolean gone = !authentication.getRoles().contains(Sessions.WORKER) && gone(authentication);
        HttpStatus status = gone ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
        return errors.processResponse(
                ErrorContext.builder(request)
                        .errorMessage(gone ? "the session has ended" : refusal)
                        .build(),
                HttpResponse.status(status));
    }

    /** Whether the session has ended; without a database to ask, the refusal stands. */
    private boolean gone(Authentication authentication) {
        try {
            return users.find(authentication).isEmpty();
        } catch (Unavailable e) {
            return false;
        }
    }

    /**
     * Whether the request also carries the cookie's own token as its bearer: a session has exactly
     * one token (made at its sign-in), so this is a bearer of the same session, which another site
     * can neither read nor send without a preflight. Any other bearer (invalid, expired, of another
     * session or user) leaves the request guarded as a cookie request. Compared in constant time.
     */
    private static boolean sameTokenAsBearer(HttpRequest<?> request, String cookie) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization == null
                || authorization.length() < BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        String bearer = authorization.substring(BEARER.length()).strip();
        return !bearer.isEmpty()
                && MessageDigest.isEqual(
                        bearer.getBytes(StandardCharsets.UTF_8),
                        cookie.getBytes(StandardCharsets.UTF_8));
    }

    private boolean allowed(String origin, HttpRequest<?> request) {
        String normalized = normalized(origin);
        if (allowedOrigins.contains(normalized)) {
            return true;
        }
        // Same origin: a browser sends the Host it connected to, which a page cannot choose.
        String host = request.getHeaders().get(HttpHeaders.HOST);
        return host != null
                && Origins.of(normalized)
                        .map(o -> o.substring(o.indexOf("://") + 3))
                        .filter(authority -> authority.equalsIgnoreCase(host))
                        .isPresent();
    }

    private static Optional<String> claimedOrigin(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin != null) {
            return Optional.of(origin);
        }
        String referer = request.getHeaders().get(HttpHeaders.REFERER);
        return referer == null
                ? Optional.empty()
                : Optional.of(Origins.of(referer).orElse(referer));
    }

    private static String normalized(String origin) {
        String lower = origin.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
