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
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.stemvault.application.Principal;
import org.stemvault.application.mix.MixRequests;
import org.stemvault.application.mix.MixSharing;
import org.stemvault.domain.mix.MixShare;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;
import org.stemvault.web.media.MediaResponses;

/**
 * Links to one mix for people outside the band (with {@code STEMVAULT_SHARE_LINKS=true}; else every
 * route here is a 404): its maker or an admin makes, lists and revokes them; anyone with a live
 * link fetches that one file, and learns nothing else.
 */
@Problems
@Controller("/api")
final class MixSharesController {

    /** A link as its maker sees it; {@code url} only when it is made (the token is not kept). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record ShareResponse(
            String id,
            String url,
            String createdAt,
            String expiresAt,
            String revokedAt,
            long fetches) {

        static ShareResponse of(MixShare s, String token) {
            return new ShareResponse(
                    s.id().toString(),
                    token == null ? null : "/api/shared/" + token,
                    s.createdAt().toString(),
                    s.expiresAt().toString(),
                    s.revokedAt() == null ? null : s.revokedAt().toString(),
                    s.fetches());
        }
    }

    private final MixSharing sharing;
    private final MediaResponses responses;

    MixSharesController(MixSharing sharing, MediaResponses responses) {
        this.sharing = sharing;
        this.responses = responses;
    }

    /**
     * Body {@code {"days"?}} (1 to 30, default 7; {@code {}} for the default): 201 with the link's
     * URL, shown this once.
     */
    @Post("/mixes/{id}/share")
    @Secured(Sessions.MEMBER)
    HttpResponse<ShareResponse> share(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.ShareRequest.class) byte[] body,
            @Bound Principal principal) {
        Integer days =
                Fields.read(
                        body,
                        f ->
                                f.has("days")
                                        ? (int) Math.max(-1, Math.min(1000, f.integer("days")))
                                        : null);
        MixSharing.Made made = sharing.share(principal, id, days);
        return HttpResponse.status(HttpStatus.CREATED)
                .body(ShareResponse.of(made.share(), made.token()));
    }

    @Get("/mixes/{id}/shares")
    @Secured(Sessions.MEMBER)
    List<ShareResponse> list(@PathVariable String id, @Bound Principal principal) {
        return sharing.list(principal, id).stream().map(s -> ShareResponse.of(s, null)).toList();
    }

    @Delete("/mixes/{id}/shares/{shareId}")
    @Secured(Sessions.MEMBER)
    @Status(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable String id, @PathVariable String shareId, @Bound Principal principal) {
        sharing.revoke(principal, id, shareId);
    }

    /**
     * The shared file, without signing in: served through the service (never a redirect into the
     * store, whose key names the profile and recording), Range and entity tag as for stems.
     */
    @Get("/shared/{token}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> shared(
            @PathVariable String token,
            @Nullable @Header(HttpHeaders.RANGE) String range,
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            HttpRequest<?> request) {
        MixRequests.Fetched fetched = sharing.open(token);
        return responses
                .serveHere(
                        fetched.file(),
                        fetched.mix().spec().contentType(),
                        range,
                        ifNoneMatch,
                        request)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        MixesController.disposition(fetched.mix().fileName()));
    }
}
