package org.stemvault.bootstrap;

import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.stemvault.bootstrap.cli.Cli;

/**
 * Refuses to start when the OpenID provider's discovery document does not answer: without it no one
 * can sign in, and the OAuth client would only log the failure and carry on. The document is the
 * one the OAuth client read at start-up; only when it could not be read is it fetched once more, to
 * say why (one HTTP client fewer on every start).
 */
@Context
@Requires(notEnv = Cli.ENVIRONMENT)
final class IdentityProviderCheck {

    IdentityProviderCheck(
            @Value("${micronaut.security.oauth2.clients.google.openid.issuer}") String issuer,
            BeanContext beans) {
        boolean read =
                beans.findBean(OpenIdProviderMetadata.class, Qualifiers.byName("google"))
                        .map(m -> m.getAuthorizationEndpoint() != null)
                        .orElse(false);
        if (read) {
            return;
        }
        String discovery = issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration";
        String problem;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<Void> response =
                    http.send(
                            HttpRequest.newBuilder(URI.create(discovery))
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                return;
            }
            problem = "HTTP " + response.statusCode();
        } catch (IOException | IllegalArgumentException e) {
            problem =
                    e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = "interrupted";
        }
        throw new StartupFailure(
                "cannot read the OpenID provider's discovery document at "
                        + discovery
                        + " ("
                        + problem
                        + "): check GOOGLE_ISSUER; in development scripts/run.sh starts the provider");
    }
}
