package org.stemvault.web.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.DefaultOpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.stemvault.application.Principal;
import org.stemvault.application.signin.Identity;
import org.stemvault.application.signin.SignIn;
import org.stemvault.application.signin.SignInResult;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a verified ID token into a sign-in: {@link SignIn} admits or refuses it and upserts the
 * user and opens a session. The session token that follows carries the user and session ids only.
 */
@Singleton
@Replaces(DefaultOpenIdAuthenticationMapper.class)
final class GoogleAuthenticationMapper implements OpenIdAuthenticationMapper {

    private final SignIn signIn;

    GoogleAuthenticationMapper(SignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(
            String providerName,
            OpenIdTokenResponse tokenResponse,
            OpenIdClaims claims,
            State state) {
        Identity identity =
                new Identity(
                        claims.getEmail(),
                        Boolean.TRUE.equals(claims.isEmailVerified()),
                        claims.getName(),
                        claims.getPicture());
        return Mono.fromCallable(() -> response(signIn.signIn(identity)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static AuthenticationResponse response(SignInResult result) {
        if (result instanceof SignInResult.Admitted admitted) {
            Principal principal = admitted.principal();
            return AuthenticationResponse.success(
                    principal.id().toString(),
                    List.of(),
                    Map.of(Sessions.SESSION_CLAIM, principal.session().toString()));
        }
        return AuthenticationResponse.failure(((SignInResult.Refused) result).reason());
    }
}
