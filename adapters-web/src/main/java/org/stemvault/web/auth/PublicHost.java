package org.stemvault.web.auth;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.util.DefaultHttpHostResolver;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * This service's own origin, for the OpenID {@code redirect_uri} and every other absolute URL
 * Micronaut builds: {@code STEMVAULT_PUBLIC_URL} when set; otherwise the {@code Host} the client
 * connected to, and {@code Forwarded} / {@code X-Forwarded-*} only when {@code
 * STEMVAULT_TRUST_FORWARDED_HEADERS} says a proxy we control sets them (Micronaut's own resolver
 * follows them always, so any client could steer where the provider sends the code).
 */
@Singleton
@Replaces(DefaultHttpHostResolver.class)
final class PublicHost implements HttpHostResolver {

    private final String publicOrigin;
    private final boolean trustForwarded;
    private final DefaultHttpHostResolver forwarded;
    private final BeanProvider<EmbeddedServer> server;

    PublicHost(
            @Value("${stemvault.http.public-url:}") String publicUrl,
            @Value("${stemvault.http.trust-forwarded-headers:false}") boolean trustForwarded,
            HttpServerConfiguration configuration,
            BeanProvider<EmbeddedServer> server) {
        this.publicOrigin =
                publicUrl.isBlank()
                        ? null
                        : Origins.of(publicUrl)
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        "STEMVAULT_PUBLIC_URL must be an absolute"
                                                                + " http(s) URL, not "
                                                                + publicUrl));
        this.trustForwarded = trustForwarded;
        this.forwarded = new DefaultHttpHostResolver(configuration, server);
        this.server = server;
    }

    @Override
    public String resolve(@Nullable HttpRequest request) {
        if (publicOrigin != null) {
            return publicOrigin;
        }
        if (request == null) {
            return embedded();
        }
        if (trustForwarded) {
            return forwarded.resolve(request);
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.\\-\\[\\]:]+")) {
            return embedded();
        }
        return (request.isSecure() ? "https" : "http") + "://" + host;
    }

    private String embedded() {
        URI uri = server.get().getURI();
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
