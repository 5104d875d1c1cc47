package org.stemvault.web.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import java.util.Set;

/**
 * Cross-site request forgery guard for the admin API: a state-changing call that relies on the
 * session cookie must carry {@code X-Requested-With: stemvault}, which a page on another origin
 * cannot add without a CORS preflight that only listed origins pass. Calls with a bearer token
 * carry no ambient credential and pass.
 */
@ServerFilter("/api/admin/**")
final class CsrfGuard {

    static final String HEADER = "X-Requested-With";
    static final String VALUE = "stemvault";
    private static final Set<HttpMethod> SAFE =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ErrorResponseProcessor<?> errors;

    CsrfGuard(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> check(HttpRequest<?> request) {
        if (SAFE.contains(request.getMethod())
                || request.getHeaders().getAuthorization().isPresent()
                || VALUE.equals(request.getHeaders().get(HEADER))) {
            return null;
        }
        return errors.processResponse(
                ErrorContext.builder(request)
                        .errorMessage(
                                "a state-changing admin call needs the header "
                                        + HEADER
                                        + ": "
                                        + VALUE)
                        .build(),
                HttpResponse.status(HttpStatus.FORBIDDEN));
    }
}
