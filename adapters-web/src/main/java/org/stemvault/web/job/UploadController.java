package org.stemvault.web.job;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.security.annotation.Secured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.stemvault.application.Principal;
import org.stemvault.application.job.Uploads;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;

/**
 * {@code POST /api/upload/{profile}}, the existing client's Upload page: one file in the multipart
 * field {@code data}, streamed to the media store as it arrives; answers the job that separates it.
 */
@Problems
@Controller("/api/upload")
@Secured(Sessions.MEMBER)
final class UploadController {

    private final Uploads uploads;

    UploadController(Uploads uploads) {
        this.uploads = uploads;
    }

    @Post(value = "/{profile}", consumes = MediaType.MULTIPART_FORM_DATA)
    JobResponse upload(
            @PathVariable String profile, StreamingFileUpload data, @Bound Principal principal) {
        InputStream content = data.asInputStream();
        try {
            return JobResponse.of(uploads.upload(principal, profile, data.getFilename(), content));
        } catch (RuntimeException e) {
            drain(content);
            throw e;
        } finally {
            try {
                content.close();
            } catch (IOException ignored) {
                // the upload's stream is done either way
            }
        }
    }

    /**
     * Reads what the client still sends of a refused upload, so that it gets its answer instead of
     * waiting on a body nobody reads (bounded by the server's own request size limit).
     */
    private static void drain(InputStream content) {
        try {
            content.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | RuntimeException ignored) {
            // the client went away: nothing to answer
        }
    }
}
