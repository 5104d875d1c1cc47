package org.stemvault.web.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

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

    /** Latency buckets (seconds) for {@code stemvault_http_server_requests_seconds}. */
    private static final Duration[] BUCKETS =
            Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
                    .map(Duration::ofMillis)
                    .toArray(Duration[]::new);

    private final MeterRegistry meters;

    /**
     * Each label set's timer, built once: the label sets are bounded (routes, methods, five status
     * classes), and building and registering a timer on every request was a lookup with
     * allocations.
     */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    RequestLog(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    /** The MDC key of the request id: every line a request logs names it (the JSON format too). */
    public static final String MDC_KEY = "request_id";

    @RequestFilter
    void start(HttpRequest<?> request, MutablePropagatedContext context) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && SENSIBLE.matcher(given).matches() ? given : newId();
        request.setAttribute(ID, id);
        request.setAttribute(STARTED, System.nanoTime());
        try {
            MDC.put(MDC_KEY, id);
            context.add(new MdcPropagationContext());
        } finally {
            MDC.remove(MDC_KEY);
        }
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
        long nanos = System.nanoTime() - started;
        String method =
                request.getMethod() == HttpMethod.CUSTOM ? "OTHER" : request.getMethodName();
        timers.computeIfAbsent(new TimerKey(method, route, response.code() / 100), this::timer)
                .record(nanos, TimeUnit.NANOSECONDS);
        String user =
                request.getUserPrincipal(Authentication.class)
                        .map(Authentication::getName)
                        .orElse("-");
        LOG.info(
                "{} {} {} {}ms id={} user={}",
                request.getMethodName(),
                route,
                response.code(),
                nanos / 1_000_000,
                id,
                user);
    }

    /** A timer's labels: the method, the route template and the status class. */
    private record TimerKey(String method, String route, int statusClass) {}

    private Timer timer(TimerKey key) {
        return Timer.builder("stemvault.http.server.requests")
                .description(
                        "Requests by route template (never the raw path), method and status class")
                .tags(
                        "method",
                        key.method(),
                        "route",
                        key.route(),
                        "status",
                        key.statusClass() + "xx")
                .serviceLevelObjectives(BUCKETS)
                .register(meters);
    }

    /**
     * A new request id in the form of a random (version 4) UUID. It names a request in logs and is
     * no secret, so it comes from the thread's own generator rather than the shared secure one (a
     * locked read of the system's random source on every request).
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }

    /** The request's id, once this filter has seen it. */
    public static Optional<String> id(HttpRequest<?> request) {
        return request.getAttribute(ID, String.class);
    }
}
