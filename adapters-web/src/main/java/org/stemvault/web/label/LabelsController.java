package org.stemvault.web.label;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.application.Principal;
import org.stemvault.application.label.ProfileLabels;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;
import org.stemvault.web.json.Flags;

/**
 * A profile's songs and locations, for its members and admins: listed and added under the profile,
 * renamed and deleted by id. A delete is logged; one that clips or recordings use takes {@code
 * ?force=true}.
 */
@Problems
@Controller("/api")
@Secured(Sessions.MEMBER)
final class LabelsController {

    private static final Logger LOG = LoggerFactory.getLogger(LabelsController.class);

    private final ProfileLabels labels;

    LabelsController(ProfileLabels labels) {
        this.labels = labels;
    }

    @Get("/profiles/{profile}/songs")
    List<LabelResponse> songs(@PathVariable String profile, @Bound Principal principal) {
        return list(principal, profile, LabelKind.SONG);
    }

    @Post("/profiles/{profile}/songs")
    HttpResponse<LabelResponse> addSong(
            @PathVariable String profile,
            @Body @Schema(implementation = Bodies.LabelName.class) byte[] body,
            @Bound Principal principal) {
        return create(principal, profile, LabelKind.SONG, body);
    }

    @Patch("/songs/{id}")
    LabelResponse renameSong(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.LabelName.class) byte[] body,
            @Bound Principal principal) {
        return rename(principal, LabelKind.SONG, id, body);
    }

    @Delete("/songs/{id}{?force}")
    @Status(HttpStatus.NO_CONTENT)
    void deleteSong(
            @PathVariable String id,
            @Nullable @QueryValue String force,
            @Bound Principal principal) {
        delete(principal, LabelKind.SONG, id, force);
    }

    @Get("/profiles/{profile}/locations")
    List<LabelResponse> locations(@PathVariable String profile, @Bound Principal principal) {
        return list(principal, profile, LabelKind.LOCATION);
    }

    @Post("/profiles/{profile}/locations")
    HttpResponse<LabelResponse> addLocation(
            @PathVariable String profile,
            @Body @Schema(implementation = Bodies.LabelName.class) byte[] body,
            @Bound Principal principal) {
        return create(principal, profile, LabelKind.LOCATION, body);
    }

    @Patch("/locations/{id}")
    LabelResponse renameLocation(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.LabelName.class) byte[] body,
            @Bound Principal principal) {
        return rename(principal, LabelKind.LOCATION, id, body);
    }

    @Delete("/locations/{id}{?force}")
    @Status(HttpStatus.NO_CONTENT)
    void deleteLocation(
            @PathVariable String id,
            @Nullable @QueryValue String force,
            @Bound Principal principal) {
        delete(principal, LabelKind.LOCATION, id, force);
    }

    private List<LabelResponse> list(Principal principal, String profile, LabelKind kind) {
        return labels.list(principal, profile, kind).stream().map(LabelResponse::listed).toList();
    }

    private HttpResponse<LabelResponse> create(
            Principal principal, String profile, LabelKind kind, byte[] body) {
        String name = Fields.read(body, f -> f.text("name"));
        return HttpResponse.created(
                LabelResponse.from(labels.create(principal, profile, kind, name)));
    }

    private LabelResponse rename(Principal principal, LabelKind kind, String id, byte[] body) {
        String name = Fields.read(body, f -> f.text("name"));
        return LabelResponse.from(labels.rename(principal, kind, id, name));
    }

    private void delete(Principal principal, LabelKind kind, String id, String force) {
        ProfileLabels.Deleted deleted =
                labels.delete(principal, kind, id, Flags.bool("force", force));
        LOG.info(
                "{} {} '{}' deleted by user {}{}",
                kind.noun(),
                deleted.label().id(),
                deleted.label().name(),
                principal.id(),
                deleted.unlinked() == 0
                        ? ""
                        : " (forced: unlinked from " + deleted.unlinked() + ")");
    }
}
