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
import org.stemvault.domain.user.UserId;

/**
 * Turns a session token whose signature and expiry already hold (cookie or bearer) into an authentication,
 * only while its user exists; the user's admin right comes from the database now, never from the token.
 * Micronaut calls it on its blocking executor.
 */
@Singleton
@Replaces(DefaultJwtAuthenticationFactory.class)
final class SessionAuthenticationFactory implements JwtAuthenticationFactory {

    private final SignIn signIn;

    SessionAuthenticationFactory(SignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Optional<Authentication> createAuthentication(JWT token) {
        return userId(token).flatMap(signIn::principal).map(Sessions::authentication);
    }

    private static Optional<UserId> userId(JWT token) {
        try {
            return Optional.ofNullable(token.getJWTClaimsSet().getSubject()).map(UUID::fromString).map(UserId::new);
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
