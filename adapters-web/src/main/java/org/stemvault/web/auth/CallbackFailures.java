package org.stemvault.web.auth;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.pkce.persistence.cookie.CookiePkcePersistence;
import io.micronaut.security.oauth2.endpoint.authorization.pkce.persistence.cookie.CookiePkcePersistenceConfiguration;
import io.micronaut.security.oauth2.endpoint.authorization.state.DefaultState;
import io.micronaut.security.oauth2.endpoint.authorization.state.JacksonStateSerDes;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.authorization.state.StateSerDes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;

/**
 * Every way a login callback can fail ends the same way for the browser: 302 to the frontend with
 * {@code error=<reason>} and no session cookie. A state that does not even parse, and a callback
 * whose PKCE verifier is gone, are refused here rather than passed on (the provider might not
 * insist on PKCE).
 */
@Factory
final class CallbackFailures {

    @Singleton
    ExceptionHandler<LoginRefused, HttpResponse<?>> refusals(SessionLoginHandler login) {
        return (request, e) ->
                login.loginFailed(AuthenticationResponse.failure(e.reason()), request);
    }

    @Singleton
    @Replaces(JacksonStateSerDes.class)
    StateSerDes stateSerDes(JsonMapper json) {
        JacksonStateSerDes jackson = new JacksonStateSerDes(json);
        return new StateSerDes() {
            @Override
            public State deserialize(String value) {
                // Read here rather than by JacksonStateSerDes, which logs a stack trace at ERROR
                // for
                // every state that is not ours: anyone could fill the log with them.
                try {
                    return json.readValue(
                            Base64.getUrlDecoder().decode(value), Argument.of(DefaultState.class));
                } catch (IOException | RuntimeException e) {
                    throw new LoginRefused("invalid_state");
                }
            }

            @Override
            public String serialize(State state) {
                return jackson.serialize(state);
            }
        };
    }

    @Singleton
    @Replaces(CookiePkcePersistence.class)
    CookiePkcePersistence pkcePersistence(CookiePkcePersistenceConfiguration configuration) {
        return new CookiePkcePersistence(configuration) {
            @Override
            public Optional<String> retrieveCodeVerifier(HttpRequest<?> request) {
                return Optional.of(
                        super.retrieveCodeVerifier(request)
                                .orElseThrow(() -> new LoginRefused("pkce_missing")));
            }
        };
    }

    /**
     * Whatever else goes wrong at the callback (a token the provider or the ID-token checks
     * refuse).
     */
    @ServerFilter("/auth/callback/**")
    static final class Refusals {

        private final SessionLoginHandler login;

        Refusals(SessionLoginHandler login) {
            this.login = login;
        }

        @ResponseFilter
        MutableHttpResponse<?> refuseErrors(
                HttpRequest<?> request, MutableHttpResponse<?> response) {
            if (response.code() < 400) {
                return response;
            }
            return login.loginFailed(AuthenticationResponse.failure("login_failed"), request);
        }
    }
}
