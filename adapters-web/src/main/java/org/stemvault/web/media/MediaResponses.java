package org.stemvault.web.media;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.types.files.StreamedFile;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stemvault.domain.media.StoredMedia;

/**
 * How a stored file is answered, whoever asked for it once access is checked: whole or by byte
 * range (206, for seeking), with an entity tag for If-None-Match (304) and {@code Cache-Control:
 * private}; with {@code stemvault.media.delivery=redirect} and a store that has links of its own, a
 * redirect (302) to a link into the store that expires after {@code stemvault.media.link-expiry}.
 */
@Singleton
public final class MediaResponses {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final ErrorResponseProcessor<?> errors;
    private final boolean redirect;
    private final Duration linkExpiry;

    MediaResponses(
            ErrorResponseProcessor<?> errors,
            @Value("${stemvault.media.delivery:proxy}") String delivery,
            @Value("${stemvault.media.link-expiry:5m}") Duration linkExpiry) {
        this.errors = errors;
        this.redirect = "redirect".equals(delivery);
        this.linkExpiry = linkExpiry;
    }

    /** The answer for {@code media} of {@code contentType} to a GET with these headers. */
    public MutableHttpResponse<?> serve(
            StoredMedia media,
            String contentType,
            String range,
            String ifNoneMatch,
            HttpRequest<?> request) {
        return serve(media, contentType, range, ifNoneMatch, request, redirect);
    }

    /**
     * As {@link #serve}, but always through the service, never redirected into the store (whose
     * link would show the file's key to whoever follows it).
     */
    public MutableHttpResponse<?> serveHere(
            StoredMedia media,
            String contentType,
            String range,
            String ifNoneMatch,
            HttpRequest<?> request) {
        return serve(media, contentType, range, ifNoneMatch, request, false);
    }

    private MutableHttpResponse<?> serve(
            StoredMedia media,
            String contentType,
            String range,
            String ifNoneMatch,
            HttpRequest<?> request,
            boolean redirect) {
        String etag = "\"" + media.tag() + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
            return headers(HttpResponse.notModified(), etag);
        }
        if (redirect) {
            // After the same membership check: the bytes come straight from the store, through a
            // link that expires; the /media URL in the files list stays stable.
            Optional<URI> link = media.link(linkExpiry, contentType);
            if (link.isPresent()) {
                return HttpResponse.status(HttpStatus.FOUND)
                        .header(HttpHeaders.LOCATION, link.get().toString())
                        .header(HttpHeaders.CACHE_CONTROL, "private, no-store");
            }
        }
        long size = media.size();
        long first = 0;
        long last = size - 1;
        boolean partial = false;
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                boolean satisfiable = true;
                try {
                    if (m.group(1).isEmpty()) {
                        first = Math.max(0, size - Long.parseLong(m.group(2)));
                    } else {
                        first = Long.parseLong(m.group(1));
                        last =
                                m.group(2).isEmpty()
                                        ? size - 1
                                        : Math.min(Long.parseLong(m.group(2)), size - 1);
                    }
                } catch (NumberFormatException e) {
                    satisfiable = false;
                }
                if (!satisfiable || first >= size || first > last) {
                    return headers(
                                    errors.processResponse(
                                            ErrorContext.builder(request)
                                                    .errorMessage(
                                                            "the range "
                                                                    + range.trim()
                                                                    + " is not within the file's "
                                                                    + size
                                                                    + " bytes")
                                                    .build(),
                                            HttpResponse.status(
                                                    HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)),
                                    etag)
                            .header(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
                }
                partial = true;
            }
        }
        long length = last - first + 1;
        MediaType type = MediaType.of(contentType);
        Optional<Path> local = media.localFile();
        if (local.isPresent() && SendFile.available(request)) {
            // The bytes go from the page cache to the socket (SendFile), never through the heap.
            MutableHttpResponse<?> head =
                    partial
                            ? HttpResponse.status(HttpStatus.PARTIAL_CONTENT)
                                    .header(
                                            HttpHeaders.CONTENT_RANGE,
                                            "bytes " + first + "-" + last + "/" + size)
                            : HttpResponse.ok();
            return headers(head, etag)
                    .contentType(type)
                    .header(HttpHeaders.LAST_MODIFIED, lastModified(media))
                    .header(SendFile.HEADER, SendFile.header(local.get(), first, length));
        }
        StreamedFile body =
                new StreamedFile(
                        open(media, first, length),
                        type,
                        media.lastModified().toEpochMilli(),
                        length);
        MutableHttpResponse<StreamedFile> response =
                partial
                        ? HttpResponse.<StreamedFile>status(HttpStatus.PARTIAL_CONTENT)
                                .body(body)
                                .header(
                                        HttpHeaders.CONTENT_RANGE,
                                        "bytes " + first + "-" + last + "/" + size)
                        : HttpResponse.ok(body);
        return headers(response, etag).contentType(type).contentLength(length);
    }

    private static <T> MutableHttpResponse<T> headers(
            MutableHttpResponse<T> response, String etag) {
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "private")
                .header(HttpHeaders.ACCEPT_RANGES, "bytes");
    }

    private static String lastModified(StoredMedia media) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(
                media.lastModified().atOffset(ZoneOffset.UTC));
    }

    private static InputStream open(StoredMedia media, long first, long length) {
        try {
            return media.open(first, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
