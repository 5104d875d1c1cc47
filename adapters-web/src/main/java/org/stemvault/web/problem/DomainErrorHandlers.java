package org.stemvault.web.problem;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.Refusal;

/**
 * Turns every refusal of the domain into its problem: one handler over the sealed {@link Refusal},
 * each kind mapped once (400 naming the field, 401, 403, 404, 409, 413, 415, 503 with when to try
 * again); a kind added to the domain fails this switch at compile time until it is mapped here.
 */
@Factory
final class DomainErrorHandlers {

    @Singleton
    ExceptionHandler<Refusal, HttpResponse<?>> refusals(ErrorResponseProcessor<?> processor) {
        return (request, e) ->
                switch (e.kind()) {
                    case INVALID -> {
                        Invalid invalid = (Invalid) e;
                        yield respond(
                                processor,
                                request,
                                HttpStatus.BAD_REQUEST,
                                e,
                                new FieldError(invalid.field(), invalid.reason()));
                    }
                    case UNAUTHENTICATED -> plain(processor, request, HttpStatus.UNAUTHORIZED, e);
                    case FORBIDDEN -> plain(processor, request, HttpStatus.FORBIDDEN, e);
                    case NOT_FOUND -> plain(processor, request, HttpStatus.NOT_FOUND, e);
                    case CONFLICT -> plain(processor, request, HttpStatus.CONFLICT, e);
                    case TOO_LARGE ->
                            plain(processor, request, HttpStatus.REQUEST_ENTITY_TOO_LARGE, e);
                    case UNSUPPORTED ->
                            plain(processor, request, HttpStatus.UNSUPPORTED_MEDIA_TYPE, e);
                    case UNAVAILABLE ->
                            respond(
                                            processor,
                                            request,
                                            HttpStatus.SERVICE_UNAVAILABLE,
                                            e,
                                            new PlainError(e.getMessage() + ": try again shortly"))
                                    .toMutableResponse()
                                    .header(HttpHeaders.RETRY_AFTER, "5");
                };
    }

    private static HttpResponse<?> plain(
            ErrorResponseProcessor<?> processor,
            HttpRequest<?> request,
            HttpStatus status,
            Refusal refusal) {
        return respond(processor, request, status, refusal, new PlainError(refusal.getMessage()));
    }

    private static HttpResponse<?> respond(
            ErrorResponseProcessor<?> processor,
            HttpRequest<?> request,
            HttpStatus status,
            Throwable cause,
            Error error) {
        return processor.processResponse(
                ErrorContext.builder(request).cause(cause).error(error).build(),
                HttpResponse.status(status));
    }

    private record FieldError(String field, String message) implements Error {
        @Override
        public Optional<String> getPath() {
            return Optional.of(field);
        }

        @Override
        public String getMessage() {
            return field + " " + message;
        }
    }

    private record PlainError(String message) implements Error {
        @Override
        public String getMessage() {
            return message;
        }
    }
}
