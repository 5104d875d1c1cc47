package org.stemvault.web.job;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.application.job.Uploads;
import org.stemvault.domain.Refusal;

/**
 * Micronaut 4.10 binds a {@code StreamingFileUpload} argument by casting whatever part carries its
 * name to a file upload, so a plain form field named {@code data} (a part without a file name)
 * fails inside the framework with a {@link ClassCastException}. That is the client's mistake: it
 * gets the 400 any upload without a file name gets, naming the field. Any other ClassCastException
 * is a bug, logged and answered 500 as the framework would.
 */
@Singleton
final class NotAFilePart implements ExceptionHandler<ClassCastException, HttpResponse<?>> {

    private static final String BINDER =
            "io.micronaut.http.server.netty.binders.NettyStreamingFileUploadBinder";
    private static final Logger LOG = LoggerFactory.getLogger(NotAFilePart.class);

    private final ExceptionHandler<Refusal, HttpResponse<?>> invalid;
    private final ErrorResponseProcessor<?> processor;

    NotAFilePart(
            ExceptionHandler<Refusal, HttpResponse<?>> invalid,
            ErrorResponseProcessor<?> processor) {
        this.invalid = invalid;
        this.processor = processor;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public HttpResponse<?> handle(HttpRequest request, ClassCastException e) {
        if (Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().startsWith(BINDER))) {
            return invalid.handle(request, UploadController.partNamed(Uploads.noFileName()));
        }
        LOG.error("Unexpected error occurred: {}", e.getMessage(), e);
        return processor.processResponse(
                ErrorContext.builder(request).cause(e).build(),
                HttpResponse.status(HttpStatus.INTERNAL_SERVER_ERROR));
    }
}
