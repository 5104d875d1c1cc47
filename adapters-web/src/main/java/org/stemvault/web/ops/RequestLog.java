package org.stemvault.web.ops;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request (method, route template, status, duration, request id, user id: never a
 * path's names, a token, a cookie or an email), and the request id on every answer as {@code
 * X-Request-Id}: the caller's own when it sends a sensible one, else a new one.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestLog implements Ordered {

    /** The header, in and out. */
    public static final String HEADER = "X-Request-Id";

    /** The request attribute that holds the id, for error bodies and logs. */
    public static final String ID = "stemvault.request-id";

    private static final String STARTED = "stemvault.request-started";
    private static final Pattern SENSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Logger LOG = LoggerFactory.getLogger("stemvault.request");

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @RequestFilter
    void start(HttpRequest<?> request) {
        String given = request.getHeaders().get(HEADER);
        String id =
                given != null && SENSIBLE.matcher(given).matches()
                        ? given
                        : UUID.randomUUID().toString();
        request.setAttribute(ID, id);
        request.setAttribute(STARTED, System.nanoTime());
    }

    @ResponseFilter
    void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = id(request).orElse("-");
        response.header(HEADER, id);
        long started = request.getAttribute(STARTED, Long.class).orElse(System.nanoTime());
        String route =
                RouteAttributes.getRouteInfo(request)
                        .filter(UriRouteInfo.class::isInstance)
                        .map(r -> ((UriRouteInfo<?, ?>) r).getUriMatchTemplate().toString())
                        .orElse("unmatched");
        String user =
                request.getUserPrincipal(Authentication.class)
                        .map(Authentication::getName)
                        .orElse("-");
        LOG.info(
                "{} {} {} {}ms id={} user={}",
                request.getMethodName(),
                route,
                response.code(),
                (System.nanoTime() - started) / 1_000_000,
                id,
                user);
    }

    /** The request's id, once this filter has seen it. */
    public static Optional<String> id(HttpRequest<?> request) {
        return request.getAttribute(ID, String.class);
    }
}
