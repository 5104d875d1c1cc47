package org.stemvault.web.library;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.json.tree.JsonNode;
import java.util.List;
import org.stemvault.application.library.Library;
import org.stemvault.domain.library.Page;
import org.stemvault.web.auth.CurrentUser;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.json.Fields;

/** Profiles and their recordings ("files"), as members see them. */
@Controller("/api/profiles")
@Secured(Sessions.MEMBER)
final class ProfilesController {

    /** The header that carries the next page's cursor of a paged files list. */
    static final String NEXT_CURSOR = "X-Next-Cursor";

    private final Library library;
    private final CurrentUser currentUser;

    ProfilesController(Library library, CurrentUser currentUser) {
        this.library = library;
        this.currentUser = currentUser;
    }

    @Get
    List<ProfileResponse> list(Authentication authentication) {
        return library.profiles(currentUser.principal(authentication)).stream().map(ProfileResponse::from).toList();
    }

    @Get("/{profile}")
    ProfileResponse profile(@PathVariable String profile, Authentication authentication) {
        return ProfileResponse.from(library.profile(currentUser.principal(authentication), profile));
    }

    @Get("/{profile}/files{?limit,cursor}")
    HttpResponse<List<FileResponse>> files(@PathVariable String profile, @Nullable @QueryValue Integer limit,
                                           @Nullable @QueryValue String cursor, Authentication authentication) {
        Page page = library.files(currentUser.userId(authentication), profile, Cursor.decode(cursor), limit);
        HttpResponse<List<FileResponse>> response = HttpResponse.ok(
                page.recordings().stream().map(r -> FileResponse.from(profile, r)).toList());
        return page.next() == null ? response : HttpResponse.ok(response.body()).header(NEXT_CURSOR,
                Cursor.encode(page.next()));
    }

    @Get("/{profile}/files/{outputName}")
    FileResponse file(@PathVariable String profile, @PathVariable String outputName, Authentication authentication) {
        return FileResponse.from(profile, library.file(currentUser.principal(authentication), profile, outputName));
    }

    /** Body {@code {"display_name": "…"}}. */
    @Patch("/{profile}/files/{outputName}/display-name")
    FileResponse rename(@PathVariable String profile, @PathVariable String outputName, @Body JsonNode body,
                        Authentication authentication) {
        String displayName = Fields.of(body).text("display_name");
        return FileResponse.from(profile, library.edit(currentUser.principal(authentication), profile, outputName,
                displayName, null));
    }

    /** Body {@code {"display_name"?, "description"?}}: what is absent stays as it is. */
    @Patch("/{profile}/files/{outputName}")
    FileResponse edit(@PathVariable String profile, @PathVariable String outputName, @Body JsonNode body,
                      Authentication authentication) {
        Fields fields = Fields.of(body);
        return FileResponse.from(profile, library.edit(currentUser.principal(authentication), profile, outputName,
                fields.optionalText("display_name"), fields.optionalText("description")));
    }

    @Delete("/{profile}/files/{outputName}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String profile, @PathVariable String outputName, Authentication authentication) {
        library.delete(currentUser.principal(authentication), profile, outputName);
    }
}
