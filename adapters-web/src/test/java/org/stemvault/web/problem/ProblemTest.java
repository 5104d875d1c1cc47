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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Refusal;
import org.stemvault.domain.TooLarge;
import org.stemvault.domain.Unauthenticated;
import org.stemvault.domain.Unavailable;
import org.stemvault.domain.Unsupported;

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

    HttpResponse<?> handle(Refusal refusal) {
        return handlers.refusals(processor).handle(request, refusal);
    }

    @Test
    void an_invalid_value_is_400_naming_the_field() {
        HttpResponse<?> response =
                handle(new Invalid("filters.lufs_min", "must be a finite number"));
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
    void each_kind_of_refusal_has_its_status() {
        Map<Refusal.Kind, Refusal> one =
                Map.of(
                        Refusal.Kind.INVALID, new Invalid("name", "is blank"),
                        Refusal.Kind.UNAUTHENTICATED, new Unauthenticated(),
                        Refusal.Kind.FORBIDDEN, new Forbidden("admins only"),
                        Refusal.Kind.NOT_FOUND, new NotFound("no such profile"),
                        Refusal.Kind.CONFLICT, new Conflict("taken"),
                        Refusal.Kind.TOO_LARGE, new TooLarge("too long"),
                        Refusal.Kind.UNSUPPORTED, new Unsupported("not audio"),
                        Refusal.Kind.UNAVAILABLE, new Unavailable("the database is down", null));
        assertEquals(EnumSet.allOf(Refusal.Kind.class), EnumSet.copyOf(one.keySet()), "every kind");
        Map<Refusal.Kind, Integer> statuses = new EnumMap<>(Refusal.Kind.class);
        one.forEach((kind, refusal) -> statuses.put(kind, handle(refusal).code()));
        assertEquals(
                Map.of(
                        Refusal.Kind.INVALID, 400,
                        Refusal.Kind.UNAUTHENTICATED, 401,
                        Refusal.Kind.FORBIDDEN, 403,
                        Refusal.Kind.NOT_FOUND, 404,
                        Refusal.Kind.CONFLICT, 409,
                        Refusal.Kind.TOO_LARGE, 413,
                        Refusal.Kind.UNSUPPORTED, 415,
                        Refusal.Kind.UNAVAILABLE, 503),
                statuses);
        assertEquals("no such profile", render(handle(new NotFound("no such profile"))).detail());
        HttpResponse<?> unavailable = handle(new Unavailable("the database is down", null));
        assertEquals("5", unavailable.getHeaders().get("Retry-After"));
        assertEquals("the database is down: try again shortly", render(unavailable).detail());
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
