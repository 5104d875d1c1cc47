package org.stemvault.web.library;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.stemvault.domain.library.Current;
import org.stemvault.domain.library.Known;

/**
 * Profile change versions on the wire: a strong entity tag {@code "v1.<version>"} on the files list
 * and single-file answers, and {@code If-None-Match} read back into what the caller {@link Known
 * knows}. The {@code v1} names the JSON's shape, so that a release that changes it never answers
 * 304 to a body of the old shape. The answers are private and revalidated on every use.
 */
final class Versions {

    private static final String PREFIX = "\"v1.";
    private static final String CACHE_CONTROL = "private, no-cache";

    private Versions() {}

    static String etag(long version) {
        return PREFIX + version + "\"";
    }

    /**
     * The versions named in an {@code If-None-Match} header (weak or strong: the comparison for it
     * is weak); entries that are not this service's tags are passed over, so at worst the full
     * answer is sent.
     */
    static Known known(String ifNoneMatch) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return Known.NOTHING;
        }
        Set<Long> versions = new HashSet<>();
        boolean any = false;
        for (String entry : ifNoneMatch.split(",")) {
            String tag = entry.strip();
            if (tag.equals("*")) {
                any = true;
                continue;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.startsWith(PREFIX)
                    && tag.endsWith("\"")
                    && tag.length() > PREFIX.length() + 1) {
                try {
                    versions.add(Long.parseLong(tag.substring(PREFIX.length(), tag.length() - 1)));
                } catch (NumberFormatException notOurs) {
                    // someone else's tag: it matches nothing here
                }
            }
        }
        return new Known(versions, any);
    }

    /** 200 with the body and its tag, or 304 with only the tag. */
    static <T, B> MutableHttpResponse<B> respond(Current<T> current, Function<T, B> body) {
        MutableHttpResponse<B> response =
                current instanceof Current.Read<T> read
                        ? HttpResponse.ok(body.apply(read.value()))
                        : HttpResponse.status(HttpStatus.NOT_MODIFIED);
        return response.header(HttpHeaders.ETAG, etag(current.version()))
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }
}
