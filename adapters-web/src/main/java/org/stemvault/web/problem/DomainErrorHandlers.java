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
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.TooLarge;
import org.stemvault.domain.Unauthenticated;
import org.stemvault.domain.Unavailable;
import org.stemvault.domain.Unsupported;

/** Turns the domain's refusals into problems: 400 naming the field, 401, 403, 404, 409. */
@Factory
final class DomainErrorHandlers {

    @Singleton
    ExceptionHandler<Invalid, HttpResponse<?>> invalid(ErrorResponseProcessor<?> processor) {
        return (request, e) ->
                respond(
                        processor,
                        request,
                        HttpStatus.BAD_REQUEST,
                        e,
                        new FieldError(e.field(), e.reason()));
    }

    @Singleton
    ExceptionHandler<NotFound, HttpResponse<?>> notFound(ErrorResponseProcessor<?> processor) {
        return (request, e) ->
                respond(
                        processor,
                        request,
                        HttpStatus.NOT_FOUND,
                        e,
                        new PlainError(e.getMessage()));
    }

    @Singleton
    ExceptionHandler<Unauthenticated, HttpResponse<?>> unauthenticated(
            ErrorResponseProcessor<?> processor) {
        return (request, e) ->
                respond(
                        processor,
                        request,
                        HttpStatus.UNAUTHORIZED,
                        e,
                        new PlainError(e.getMessage()));
    }

    @Singleton
    ExceptionHandler<Forbidden, HttpResponse<?>> forbidden(ErrorResponseProcessor<?> processor) {
        return (request, e) ->
                respond(
                        processor,
                        request,
                        HttpStatus.FORBIDDEN,
                        e,
                        new PlainError(e.getMessage()));
    }

    @Singleton
    ExceptionHandler<Conflict, HttpResponse<?>> conflict(ErrorResponseProcessor<?> processor) {
        return (request, e) ->
                respond(processor, request, HttpStatus.CONFLICT, e, new PlainError(e.getMessage()));
    }

    @Singleton
    ExceptionHandler<TooLarge, HttpResponse<?>> tooLarge(ErrorResponseProcessor<?> processor) {
        return (request, e) ->
                respond(
                        processor,
                        request,
                        HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                        e,
                        new PlainError(e.getMessage()));
    }

    @Singleton
    ExceptionHandler<Unsupported, HttpResponse<?>> unsupported(
            ErrorResponseProcessor<?> processor) {
        return (request, e) ->
                respond(
                        processor,
                        request,
                        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                        e,
                        new PlainError(e.getMessage()));
    }

    /** The database cannot be reached or did not answer in time: 503, and when to try again. */
    @Singleton
    ExceptionHandler<Unavailable, HttpResponse<?>> unavailable(
            ErrorResponseProcessor<?> processor) {
        return (request, e) ->
                processor
                        .processResponse(
                                ErrorContext.builder(request)
                                        .cause(e)
                                        .error(
                                                new PlainError(
                                                        e.getMessage() + ": try again shortly"))
                                        .build(),
                                HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE))
                        .header(HttpHeaders.RETRY_AFTER, "5");
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
