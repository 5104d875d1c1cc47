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
import org.stemvault.application.signin.SignIn;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.user.UserId;

/**
 * Turns a token whose signature and expiry already hold (cookie or bearer) into an authentication, only while
 * its user exists, or, for a worker token, while the token is neither revoked nor expired; the user's admin
 * right comes from the database now, never from the token.
 * Micronaut calls it on its blocking executor.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
final class SessionAuthenticationFactory implements JwtAuthenticationFactory {

    private final SignIn signIn;
    private final Workers workers;

    SessionAuthenticationFactory(SignIn signIn, Workers workers) {
        this.signIn = signIn;
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
                UUID id = UUID.fromString(subject.substring(Sessions.WORKER_SUBJECT.length()));
                return workers.active(id).map(t -> Sessions.worker(t.id()));
            }
            return signIn.principal(new UserId(UUID.fromString(subject))).map(Sessions::authentication);
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
