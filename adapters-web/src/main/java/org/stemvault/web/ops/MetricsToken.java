package org.stemvault.web.ops;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code /prometheus} answers only a scraper that sends {@code Authorization: Bearer
 * <STEMVAULT_METRICS_TOKEN>}; without a configured token the endpoint is not there (404).
 */
@ServerFilter("/prometheus/**")
final class MetricsToken implements Ordered {

    private final byte[] token;

    MetricsToken(@Value("${stemvault.metrics.token:}") String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (token.length == 0) {
            return HttpResponse.notFound();
        }
        String given = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        byte[] presented =
                given != null && given.startsWith("Bearer ")
                        ? given.substring(7).getBytes(StandardCharsets.UTF_8)
                        : new byte[0];
        if (MessageDigest.isEqual(token, presented)) {
            return null;
        }
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"");
    }
}
