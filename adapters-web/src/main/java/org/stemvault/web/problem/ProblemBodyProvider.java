package org.stemvault.web.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;
import org.stemvault.web.ops.RequestLog;

/**
 * Every error the server answers in JSON becomes {@code application/problem+json}: status, title, a
 * detail taken from the error context (never a stack trace) and, where an error names a path, the
 * fields.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {

    static final String CONTENT_TYPE = "application/problem+json";

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        List<Problem.FieldError> fields =
                context.getErrors().stream()
                        .filter(e -> e.getPath().isPresent())
                        .map(e -> new Problem.FieldError(field(e.getPath().get()), e.getMessage()))
                        .toList();
        // 503 says what is unavailable, in our own words; any other 5xx says nothing of its cause
        String detail =
                status >= 500 && status != 503
                        ? "The server could not answer this request; it has been logged."
                        : context.getErrors().stream()
                                .map(Error::getMessage)
                                .findFirst()
                                .orElse(response.reason());
        String requestId = status >= 500 ? RequestLog.id(context.getRequest()).orElse(null) : null;
        return new Problem("about:blank", response.reason(), status, detail, fields, requestId);
    }

    /**
     * A field as requests name it: the framework's binding errors name a JSON pointer ({@code
     * /wait}, {@code /stems/0/type}), which becomes {@code wait}, {@code stems[0].type}.
     */
    static String field(String path) {
        if (!path.startsWith("/")) {
            return path;
        }
        StringBuilder field = new StringBuilder();
        for (String segment : path.substring(1).split("/", -1)) {
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (!name.isEmpty()
                    && name.chars().allMatch(Character::isDigit)
                    && field.length() > 0) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(name);
            }
        }
        return field.toString();
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }
}
