package org.stemvault.web.job;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.Refusal;

/**
 * A multipart body is read only with a boundary it can be split by. Checked before the framework
 * reads the body (whose decoder fails on an empty boundary with an index error, a 500): the {@code
 * boundary} parameter must be there and follow RFC 2046 §5.1.1 (1 to 70 of its characters, not
 * ending in a space). A body that never uses the boundary it names makes the decoder buffer what it
 * takes for one form field until its limit ({@code
 * micronaut.server.netty.form-max-buffered-bytes}); the framework calls that 413, which is for
 * bodies too large, and on this route it is a malformed body: 400 naming {@code body}.
 */
@ServerFilter("/api/upload/**")
final class MultipartBoundary implements Ordered {

    private static final String BCHARS =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";

    private final ExceptionHandler<Refusal, HttpResponse<?>> invalid;

    MultipartBoundary(ExceptionHandler<Refusal, HttpResponse<?>> invalid) {
        this.invalid = invalid;
    }

    /** After security: a caller who is not signed in hears 401, whatever the body. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    @SuppressWarnings("unchecked")
    MutableHttpResponse<?> check(HttpRequest<?> request) {
        String type = request.getHeaders().get("Content-Type");
        if (type == null
                || !type.toLowerCase(Locale.ROOT)
                        .startsWith(MediaType.MULTIPART_FORM_DATA.toLowerCase(Locale.ROOT))) {
            return null;
        }
        String refused = refusal(type);
        if (refused == null) {
            return null;
        }
        return (MutableHttpResponse<?>) invalid.handle(request, new Invalid("body", refused));
    }

    /** Why a multipart Content-Type cannot split a body; null when it can. */
    static String refusal(String contentType) {
        String boundary = null;
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                boundary = p.substring(9);
            }
        }
        if (boundary == null) {
            return "is multipart/form-data without a boundary parameter";
        }
        if (boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
            boundary = boundary.substring(1, boundary.length() - 1);
        }
        if (boundary.isEmpty()
                || boundary.length() > 70
                || boundary.endsWith(" ")
                || !boundary.chars().allMatch(c -> BCHARS.indexOf(c) >= 0)) {
            return "has a multipart boundary that is not 1 to 70 of RFC 2046's boundary characters";
        }
        return null;
    }

    /**
     * The decoder's "buffered form field exceeds" as 400 naming {@code body} on the upload route;
     * any other oversize body keeps the framework's 413.
     */
    @Singleton
    @Replaces(ContentLengthExceededHandler.class)
    static final class Unsplittable
            implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {

        private final ContentLengthExceededHandler framework;
        private final ExceptionHandler<Refusal, HttpResponse<?>> invalid;

        Unsplittable(
                ErrorResponseProcessor<?> processor,
                ExceptionHandler<Refusal, HttpResponse<?>> invalid) {
            this.framework = new ContentLengthExceededHandler(processor);
            this.invalid = invalid;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException e) {
            String message = e.getMessage();
            if (request.getPath().startsWith("/api/upload/")
                    && message != null
                    && message.startsWith("Length of buffered form field exceeds")) {
                return invalid.handle(
                        request,
                        new Invalid(
                                "body",
                                "is not split by the boundary its Content-Type names, or a part's"
                                        + " headers run past the form decoder's limit"));
            }
            return framework.handle(request, e);
        }
    }
}
