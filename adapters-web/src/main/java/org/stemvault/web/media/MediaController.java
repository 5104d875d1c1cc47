package org.stemvault.web.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import java.util.Locale;
import java.util.Map;
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
    private final MediaResponses responses;

    MediaController(Library library, MediaResponses responses) {
        this.library = library;
        this.responses = responses;
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
        return responses.serve(media, contentType(file), range, ifNoneMatch, request);
    }

    static String contentType(String file) {
        int dot = file.lastIndexOf('.');
        String extension = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
