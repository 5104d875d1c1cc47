package org.stemvault.web.auth;

import com.nimbusds.jwt.JWT;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.DefaultJwtAuthenticationFactory;
import io.micronaut.security.token.jwt.validator.JwtAuthenticationFactory;
import jakarta.inject.Singleton;
import java.text.ParseException;
import java.util.Optional;
import java.util.UUID;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.worker.WorkerTokenId;

/**
 * Turns a token whose signature and expiry already hold (cookie or bearer) into an authentication:
 * a session token names its user and session (whether that session is open, and the user's rights,
 * {@link CurrentUser} reads with the request's own work); a worker token counts only while its row
 * says it is neither revoked nor expired. Micronaut calls it on its blocking executor.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
final class SessionAuthenticationFactory implements JwtAuthenticationFactory {

    private final Workers workers;

    SessionAuthenticationFactory(Workers workers) {
        this.workers = workers;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        try {
            String subject = token.getJWTClaimsSet().getSubject();
            if (subject == null) {
                return Optional.empty();
            }
            if (subject.startsWith(Sessions.WORKER_SUBJECT)) {
                WorkerTokenId id =
                        new WorkerTokenId(
                                UUID.fromString(
                                        subject.substring(Sessions.WORKER_SUBJECT.length())));
                return workers.active(id).map(t -> Sessions.worker(t.id()));
            }
            // A session token names its session; one signed before sessions existed is no session.
            String session = token.getJWTClaimsSet().getStringClaim(Sessions.SESSION_CLAIM);
            if (session == null) {
                return Optional.empty();
            }
            return Optional.of(Sessions.user(UUID.fromString(subject), UUID.fromString(session)));
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
