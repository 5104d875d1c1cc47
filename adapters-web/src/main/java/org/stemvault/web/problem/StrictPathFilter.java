package org.stemvault.web.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Refuses a path whose percent-escapes are not valid UTF-8 ({@code %FF}, the overlong {@code
 * %C0%AF}): decoded leniently they become U+FFFD, and a name made of those must not create or
 * delete anything.
 */
@ServerFilter({"/api/**", "/media/**"})
final class StrictPathFilter {

    private final ErrorResponseProcessor<?> errors;

    StrictPathFilter(ErrorResponseProcessor<?> errors) {
        this.errors = errors;
    }

    @RequestFilter
    @Nullable
    MutableHttpResponse<?> check(HttpRequest<?> request) {
        String raw = request.getUri().getRawPath();
        if (raw == null || raw.indexOf('%') < 0 || utf8(raw)) {
            return null;
        }
        return errors.processResponse(
                ErrorContext.builder(request)
                        .error(
                                new Error() {
                                    @Override
                                    public Optional<String> getPath() {
                                        return Optional.of("path");
                                    }

                                    @Override
                                    public String getMessage() {
                                        return "path has percent-escapes that are not UTF-8";
                                    }
                                })
                        .build(),
                HttpResponse.status(HttpStatus.BAD_REQUEST));
    }

    /** Whether the percent-escaped bytes of a raw path decode as UTF-8, strictly. */
    static boolean utf8(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int value =
                        Character.digit(raw.charAt(i + 1), 16) * 16
                                + Character.digit(raw.charAt(i + 2), 16);
                if (value < 0) {
                    return false;
                }
                bytes.write(value);
                i += 2;
            } else if (c == '%') {
                return false;
            } else {
                bytes.write(c);
            }
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
