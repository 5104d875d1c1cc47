package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import java.nio.charset.StandardCharsets;
import org.stemvault.bootstrap.cli.Cli;

/**
 * Refuses to start without the OAuth client's credentials or a session-signing key of at least 256
 * bits. The dev environment ships a known key (application-dev.yml); that key is refused everywhere
 * else, so it can never sign a real session.
 */
@Context
final class RequiredSecrets {

    static final int MIN_BYTES = 32;
    static final String DEV_KEY = "dev-only-signing-key-not-for-production-use-0123456789";

    RequiredSecrets(
            AuthSettings auth,
            @Value("${micronaut.security.oauth2.clients.google.client-id:}") String clientId,
            @Value("${micronaut.security.oauth2.clients.google.client-secret:}")
                    String clientSecret,
            Environment environment) {
        String jwtSecret = auth.jwtSecret() == null ? "" : auth.jwtSecret();
        boolean cli = environment.getActiveNames().contains(Cli.ENVIRONMENT);
        if (!cli && (clientId.isBlank() || clientSecret.isBlank())) {
            throw new StartupFailure(
                    "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set: the OAuth client of"
                            + " the Google Cloud project (docs/sign-in-and-security.md: Real Google credentials), or run in the dev environment");
        }
        if (jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new StartupFailure(
                    "STEMVAULT_JWT_SECRET must be set to a secret of at least "
                            + MIN_BYTES
                            + " bytes (256 bits), e.g. the output of: openssl rand -base64 48");
        }
        if (jwtSecret.equals(DEV_KEY) && !environment.getActiveNames().contains("dev")) {
            throw new StartupFailure(
                    "STEMVAULT_JWT_SECRET is the published development key, which is refused"
                            + " outside the dev environment: set a secret of your own (openssl rand -base64 48)");
        }
    }
}
