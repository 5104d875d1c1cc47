package org.stemvault.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Unauthenticated;

/**
 * The domain's refusals become problem documents with the right status, and the field where there
 * is one.
 */
class ProblemTest {

    final ProblemBodyProvider provider = new ProblemBodyProvider();
    final DomainErrorHandlers handlers = new DomainErrorHandlers();
    final HttpRequest<?> request = HttpRequest.GET("/api/anything");

    /** Renders the way the server does: the handler's status, the body from the provider. */
    @SuppressWarnings("unchecked")
    final ErrorResponseProcessor<Problem> processor =
            (context, response) ->
                    ((MutableHttpResponse<Problem>) response)
                            .body(provider.body(context, response));

    Problem render(HttpResponse<?> response) {
        return (Problem) response.body();
    }

    @Test
    void an_invalid_value_is_400_naming_the_field() {
        HttpResponse<?> response =
                handlers.invalid(processor)
                        .handle(
                                request,
                                new Invalid("filters.lufs_min", "must be a finite number"));
        Problem problem = render(response);
        assertEquals(400, response.code());
        assertEquals(400, problem.status());
        assertEquals(
                List.of(
                        new Problem.FieldError(
                                "filters.lufs_min", "filters.lufs_min must be a finite number")),
                problem.errors());
    }

    @Test
    void each_refusal_has_its_status() {
        assertEquals(
                404,
                handlers.notFound(processor)
                        .handle(request, new NotFound("no such profile"))
                        .code());
        assertEquals(
                401,
                handlers.unauthenticated(processor).handle(request, new Unauthenticated()).code());
        assertEquals(
                403,
                handlers.forbidden(processor).handle(request, new Forbidden("admins only")).code());
        assertEquals(
                409, handlers.conflict(processor).handle(request, new Conflict("taken")).code());
        assertEquals(
                "no such profile",
                render(
                                handlers.notFound(processor)
                                        .handle(request, new NotFound("no such profile")))
                        .detail());
    }

    @Test
    void a_server_error_tells_nothing_of_its_cause() {
        Problem problem =
                provider.body(
                        ErrorContext.builder(request)
                                .cause(
                                        new IllegalStateException(
                                                "password=hunter2 at org.stemvault.Secret"))
                                .errorMessage("password=hunter2")
                                .build(),
                        HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
        assertEquals(500, problem.status());
        assertFalse(problem.detail().contains("hunter2"));
        assertTrue(problem.errors().isEmpty());
        assertEquals("application/problem+json", provider.contentType());
    }
}
