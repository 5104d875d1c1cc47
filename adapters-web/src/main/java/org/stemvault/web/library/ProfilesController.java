package org.stemvault.web.library;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemvault.application.Principal;
import org.stemvault.application.drive.DriveLibrary;
import org.stemvault.application.library.Library;
import org.stemvault.domain.analysis.Feel;
import org.stemvault.domain.drive.DriveFolders;
import org.stemvault.domain.library.Current;
import org.stemvault.domain.library.Listing;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;
import org.stemvault.web.paging.Cursor;

/** Profiles and their recordings ("files"), as members see them. */
@Problems
@Controller("/api/profiles")
@Secured(Sessions.MEMBER)
final class ProfilesController {

    private final Library library;
    private final Optional<DriveLibrary> drive;

    ProfilesController(Library library, Optional<DriveLibrary> drive) {
        this.library = library;
        this.drive = drive;
    }

    @Get
    List<ProfileResponse> list(@Bound Principal principal) {
        return shown(library.profiles(principal));
    }

    @Get("/{profile}")
    ProfileResponse profile(@PathVariable String profile, @Bound Principal principal) {
        return shown(List.of(library.profile(principal, profile))).get(0);
    }

    /** The profiles with their Drive folders (one more read, only where Drive is on). */
    private List<ProfileResponse> shown(List<Profile> profiles) {
        Map<ProfileId, DriveFolders.Connection> folders =
                drive.map(d -> d.connections(profiles)).orElse(Map.of());
        return profiles.stream().map(p -> ProfileResponse.from(p, folders.get(p.id()))).toList();
    }

    /**
     * Tagged with the profile's change version: with a current tag in {@code If-None-Match}, 304
     * after the same checks, and no recording is read. {@code bpm_min}, {@code bpm_max}, {@code
     * key} (with {@code key_related=true} also its relative and neighbouring keys) keep the
     * analysed recordings that match.
     */
    @Get("/{profile}/files{?limit,cursor,bpm_min,bpm_max,key,key_related}")
    @ApiResponse(
            responseCode = "200",
            description = "the recordings with their stems, newest first",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            array =
                                    @ArraySchema(
                                            schema = @Schema(implementation = FileResponse.class))))
    HttpResponse<FilesJson> files(
            @PathVariable String profile,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue("bpm_min") String bpmMin,
            @Nullable @QueryValue("bpm_max") String bpmMax,
            @Nullable @QueryValue String key,
            @Nullable @QueryValue("key_related") String keyRelated,
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Bound Viewer viewer) {
        Current<Listing.Page> current =
                library.files(
                        viewer,
                        profile,
                        Cursor.decode(cursor),
                        limit,
                        Versions.known(ifNoneMatch),
                        feel(bpmMin, bpmMax, key, keyRelated));
        MutableHttpResponse<FilesJson> response =
                Versions.respond(current, page -> new FilesJson(profile, page.recordings()));
        return current instanceof Current.Read<Listing.Page> read && read.value().next() != null
                ? response.header(Cursor.NEXT, Cursor.encode(read.value().next()))
                : response;
    }

    /** The files list's filter by tempo and key from its query; refusals name the parameter. */
    private static Feel feel(String bpmMin, String bpmMax, String key, String keyRelated) {
        if (bpmMin == null && bpmMax == null && key == null && keyRelated == null) {
            return Feel.ANY;
        }
        return new Feel(
                QueryValues.number("bpm_min", bpmMin),
                QueryValues.number("bpm_max", bpmMax),
                Feel.keys("", key, QueryValues.bool("key_related", keyRelated)));
    }

    /** Tagged as the files list is. */
    @Get("/{profile}/files/{outputName}")
    HttpResponse<FileResponse> file(
            @PathVariable String profile,
            @PathVariable String outputName,
            @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Bound Viewer viewer) {
        return Versions.respond(
                library.file(viewer, profile, outputName, Versions.known(ifNoneMatch)),
                r -> FileResponse.from(profile, r));
    }

    /**
     * Body {@code {"display_name": "…"}}; {@code ""} clears the name (the recording shows its
     * output name).
     */
    @Patch("/{profile}/files/{outputName}/display-name")
    FileResponse rename(
            @PathVariable String profile,
            @PathVariable String outputName,
            @Body @Schema(implementation = Bodies.Rename.class) byte[] body,
            @Bound Principal principal) {
        return edit(principal, profile, outputName, Fields.read(body, EditRequest::rename));
    }

    /** Body {@code {"display_name"?, "description"?}}: what is absent stays as it is. */
    @Patch("/{profile}/files/{outputName}")
    FileResponse edit(
            @PathVariable String profile,
            @PathVariable String outputName,
            @Body @Schema(implementation = Bodies.Edit.class) byte[] body,
            @Bound Principal principal) {
        return edit(principal, profile, outputName, Fields.read(body, EditRequest::from));
    }

    private FileResponse edit(
            Principal principal, String profile, String outputName, EditRequest request) {
        return FileResponse.from(
                profile,
                library.edit(
                        principal,
                        profile,
                        outputName,
                        request.displayName(),
                        request.description()));
    }

    @Delete("/{profile}/files/{outputName}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(
            @PathVariable String profile,
            @PathVariable String outputName,
            @Bound Principal principal) {
        library.delete(principal, profile, outputName);
    }
}
