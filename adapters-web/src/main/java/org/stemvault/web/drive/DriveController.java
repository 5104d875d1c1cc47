package org.stemvault.web.drive;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.context.annotation.Requires;
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
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.stemvault.application.Principal;
import org.stemvault.application.drive.DriveApi;
import org.stemvault.application.drive.DriveLibrary;
import org.stemvault.domain.recording.Recording;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;

/**
 * A profile's Google Drive folder, in the newest client's shapes ({@code UpdateDriveFolderRequest/
 * Response}, {@code DriveFolderContentsResponse}, {@code DriveImportRequest/Response}): connect it,
 * browse it (and the folders below it), import a file as an upload; disconnect it (ours).
 */
@Problems
@Controller("/api/profiles/{profile}")
@Secured(Sessions.MEMBER)
@Requires(beans = DriveLibrary.class)
final class DriveController {

    private final DriveLibrary drive;

    DriveController(DriveLibrary drive) {
        this.drive = drive;
    }

    /**
     * Body {@code {"google_drive_folder_id"}}: a folder id or its {@code drive.google.com} address,
     * read with the caller's Drive grant (409 until they connected Drive at {@code
     * /auth/drive/connect}).
     */
    @Patch("/drive-folder")
    FolderResponse connect(
            @PathVariable String profile,
            @Body @Schema(implementation = Bodies.UpdateDriveFolder.class) byte[] body,
            @Bound Principal principal) {
        String folder = Fields.read(body, f -> f.text("google_drive_folder_id"));
        DriveLibrary.Connected connected = drive.connect(principal, profile, folder);
        return new FolderResponse(connected.folderId(), connected.connectedAt().toString());
    }

    /** Disconnects the folder (its connector or an admin); its watch channel is stopped. */
    @Delete("/drive-folder")
    @Status(HttpStatus.NO_CONTENT)
    void disconnect(@PathVariable String profile, @Bound Principal principal) {
        drive.disconnect(principal, profile);
    }

    /** One page of the connected folder (or of {@code folder_id} below it). */
    @Get("/drive/contents{?folder_id,page_token}")
    ContentsResponse contents(
            @PathVariable String profile,
            @Nullable @QueryValue("folder_id") String folderId,
            @Nullable @QueryValue("page_token") String pageToken,
            @Bound Principal principal) {
        DriveLibrary.Contents contents = drive.contents(principal, profile, folderId, pageToken);
        return new ContentsResponse(
                contents.entries().stream().map(FileInfo::of).toList(), contents.nextPageToken());
    }

    /**
     * Body {@code DriveImportRequest}: the file is streamed from Drive into the media store and
     * queued as an upload; 409 when it was imported before.
     */
    @Post("/drive/import")
    HttpResponse<ImportResponse> importFile(
            @PathVariable String profile,
            @Body @Schema(implementation = Bodies.DriveImport.class) byte[] body,
            @Bound Principal principal) {
        String fileId = Fields.read(body, DriveController::fileId);
        DriveLibrary.Imported imported = drive.importFile(principal, profile, fileId);
        Recording recording = imported.uploaded().recording();
        return HttpResponse.status(imported.fresh() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(
                        new ImportResponse(
                                recording.id().toString(),
                                recording.outputName().value(),
                                recording.details().status().code(),
                                imported.fresh()
                                        ? "File imported and processing started"
                                        : "The same take is in the library already"));
    }

    /**
     * Every field of the client's request is checked; Drive's own description of the file counts.
     */
    private static String fileId(Fields f) {
        String fileId = f.text("file_id");
        f.text("file_name");
        if (f.integer("file_size") < 0) {
            throw new org.stemvault.domain.Invalid("file_size", "must not be negative");
        }
        DriveLibrary.instant("modified_time", f.text("modified_time"));
        f.optionalText("parent_id");
        return fileId;
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record FolderResponse(String googleDriveFolderId, String updatedAt) {}

    /**
     * {@code DriveFileInfo}: Drive's camelCase fields beside our snake_case ones, as the client
     * reads them.
     */
    @Serdeable
    record FileInfo(
            String id,
            String name,
            String mimeType,
            String modifiedTime,
            Long size,
            @JsonProperty("is_folder") boolean isFolder,
            @JsonProperty("is_imported") boolean isImported,
            @JsonProperty("recording_name") String recordingName,
            @JsonProperty("parent_id") String parentId) {

        static FileInfo of(DriveLibrary.Entry e) {
            DriveApi.DriveFile f = e.file();
            return new FileInfo(
                    f.id(),
                    f.name(),
                    f.mimeType(),
                    f.modifiedTime().toString(),
                    f.size(),
                    f.folder(),
                    e.recording() != null,
                    e.recording() == null ? null : e.recording().value(),
                    f.parents().isEmpty() ? null : f.parents().get(0));
        }
    }

    @Serdeable
    record ContentsResponse(List<FileInfo> files, String nextPageToken) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record ImportResponse(String recordingId, String outputName, String status, String message) {}
}
