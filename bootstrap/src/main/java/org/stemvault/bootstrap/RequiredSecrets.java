package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.nio.charset.StandardCharsets;

/** Refuses to start without a session-signing key of at least 256 bits (the dev environment ships its own). */
@Context
final class RequiredSecrets {

    static final int MIN_BYTES = 32;

    RequiredSecrets(@Value("${stemvault.auth.jwt-secret:}") String jwtSecret) {
        if (jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new StartupFailure("STEMVAULT_JWT_SECRET must be set to a secret of at least " + MIN_BYTES
                    + " bytes (256 bits), e.g. the output of: openssl rand -base64 48");
        }
    }
}
