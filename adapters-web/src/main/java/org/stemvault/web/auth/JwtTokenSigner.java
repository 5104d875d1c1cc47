package org.stemvault.web.auth;

import io.micronaut.security.token.generator.TokenGenerator;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.stemvault.application.worker.TokenSigner;
import org.stemvault.domain.worker.WorkerToken;

/**
 * Worker tokens are JWTs signed like sessions, naming the worker token's id and expiring with it.
 */
@Singleton
final class JwtTokenSigner implements TokenSigner {

    private final TokenGenerator generator;

    JwtTokenSigner(TokenGenerator generator) {
        this.generator = generator;
    }

    @Override
    public String sign(WorkerToken token) {
        Map<String, Object> claims =
                Map.of(
                        "sub", Sessions.WORKER_SUBJECT + token.id(),
                        "roles", List.of(Sessions.WORKER),
                        "iat", token.createdAt().getEpochSecond(),
                        "exp", token.expiresAt().getEpochSecond());
        return generator
                .generateToken(claims)
                .orElseThrow(() -> new IllegalStateException("the token generator signed nothing"));
    }
}
