package org.stemvault.web.mix;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.stemvault.application.Principal;
import org.stemvault.application.mix.MixRequests;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;
import org.stemvault.web.media.MediaResponses;

/**
 * Take-away mixes of a recording's stems, for members of its profile and admins: ask for one (202
 * with its id and status, or 200 when the same mix was made before), read it, fetch its file (with
 * the media rules: Range, entity tag, the presigned redirect in the bucket mode) and delete it.
 */
@Problems
@Controller("/api")
@Secured(Sessions.MEMBER)
final class MixesController {

    private final MixRequests mixes;
    private final MediaResponses responses;

    MixesController(MixRequests mixes, MediaResponses responses) {
        this.mixes = mixes;
        this.responses = responses;
    }

    /** 202 with the queued mix, or 200 with the mix made (or queued) before with these inputs. */
    @Post("/recordings/{id}/mixes")
    HttpResponse<MixResponse> request(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.MixRequest.class) byte[] body,
            @Bound Principal principal) {
        MixRequests.Request request = Fields.read(body, MixRequest::from);
        MixRequests.Asked asked = mixes.request(principal, id, request);
        return HttpResponse.<MixResponse>status(
                        asked.queued() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(MixResponse.of(asked.mix()));
    }

    /**
     * A bundle: the same body as a mix (no {@code loudness}); each heard stem rendered to a file of
     * its own in one zip. 202 or 200 as for a mix.
     */
    @Post("/recordings/{id}/bundle")
    HttpResponse<MixResponse> bundle(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.MixRequest.class) byte[] body,
            @Bound Principal principal) {
        MixRequests.Request request = Fields.read(body, MixRequest::from);
        MixRequests.Asked asked = mixes.bundle(principal, id, request);
        return HttpResponse.<MixResponse>status(
                        asked.queued() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(MixResponse.of(asked.mix()));
    }

    @Get("/mixes/{id}")
    MixResponse get(@PathVariable String id, @Bound Principal principal) {
        return MixResponse.of(mixes.get(principal, id));
    }

    /** The rendered file, under a readable name; 409 while it is not rendered. */
    @Get("/mixes/{id}/file")
    HttpResponse<?> file(
            @PathVariable String id,
            @Nullable @Header(HttpHeaders.RANGE) String range,
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Bound Principal principal,
            HttpRequest<?> request) {
        MixRequests.Fetched fetched = mixes.file(principal, id);
        return responses
                .serve(
                        fetched.file(),
                        fetched.mix().spec().contentType(),
                        range,
                        ifNoneMatch,
                        request)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(fetched.mix().fileName()));
    }

    @Delete("/mixes/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, @Bound Principal principal) {
        mixes.delete(principal, id);
    }

    /** RFC 6266: an ASCII fallback and the UTF-8 name (RFC 8187). */
    static String disposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
