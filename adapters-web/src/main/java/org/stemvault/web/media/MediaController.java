package org.stemvault.web.media;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.security.annotation.Secured;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stemvault.application.library.Library;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;

/**
 * Stem audio and waveform images for members: whole or by byte range (206, for seeking), with an
 * entity tag for If-None-Match (304), the content type from the extension, and {@code
 * Cache-Control: private}. With {@code stemvault.media.delivery=redirect} and a store that has
 * links of its own (a bucket), a member is sent (302) to a link into the store that expires after
 * {@code stemvault.media.link-expiry} instead, so the bytes never pass through the service.
 */
@Problems
@Controller("/media")
@Secured(Sessions.MEMBER)
final class MediaController {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Map<String, String> TYPES =
            Map.of(
                    "opus",
                    "audio/ogg; codecs=opus",
                    "ogg",
                    "audio/ogg",
                    "wav",
                    "audio/wav",
                    "flac",
                    "audio/flac",
                    "mp3",
                    "audio/mpeg",
                    "m4a",
                    "audio/mp4",
                    "png",
                    "image/png");

    private final Library library;
    private final ErrorResponseProcessor<?> errors;
    private final boolean redirect;
    private final Duration linkExpiry;

    MediaController(
            Library library,
            ErrorResponseProcessor<?> errors,
            @Value("${stemvault.media.delivery:proxy}") String delivery,
            @Value("${stemvault.media.link-expiry:5m}") Duration linkExpiry) {
        this.library = library;
        this.errors = errors;
        this.redirect = "redirect".equals(delivery);
        this.linkExpiry = linkExpiry;
    }

    @Get("/{profile}/{outputName}/{+file}")
    HttpResponse<?> media(
            @PathVariable String profile,
            @PathVariable String outputName,
            @PathVariable String file,
            @Nullable @Header(HttpHeaders.RANGE) String range,
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Bound Viewer viewer,
            HttpRequest<?> request) {
        StoredMedia media = library.media(viewer, profile, outputName, file);
        String etag = "\"" + media.tag() + "\"";
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(etag))) {
            return headers(HttpResponse.notModified(), etag);
        }
        if (redirect) {
            // After the same membership check: the bytes come straight from the store, through a
            // link that expires; the /media URL in the files list stays stable.
            Optional<URI> link = media.link(linkExpiry, contentType(file));
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
        MediaType type = MediaType.of(contentType(file));
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

    static String contentType(String file) {
        int dot = file.lastIndexOf('.');
        String extension = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
