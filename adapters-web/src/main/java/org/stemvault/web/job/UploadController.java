package org.stemvault.web.job;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.security.annotation.Secured;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.stemvault.application.Principal;
import org.stemvault.application.job.Uploads;
import org.stemvault.domain.Invalid;
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

    /** The multipart part an upload's file comes in, as the existing client names it. */
    static final String PART = "data";

    private final Uploads uploads;

    UploadController(Uploads uploads) {
        this.uploads = uploads;
    }

    @Post(value = "/{profile}", consumes = MediaType.MULTIPART_FORM_DATA)
    UploadResponse upload(
            @PathVariable String profile, StreamingFileUpload data, @Bound Principal principal) {
        InputStream content = new WholePart(data);
        try {
            return UploadResponse.of(
                    uploads.upload(principal, profile, data.getFilename(), content));
        } catch (RuntimeException e) {
            drain(content);
            throw e instanceof Invalid invalid ? partNamed(invalid) : e;
        } finally {
            try {
                content.close();
            } catch (IOException ignored) {
                // the upload's stream is done either way
            }
        }
    }

    /** A refusal of the uploaded file names the part it came in. */
    static Invalid partNamed(Invalid invalid) {
        return Uploads.FILE.equals(invalid.field()) ? new Invalid(PART, invalid.reason()) : invalid;
    }

    /**
     * The part's bytes, refused at their end when the part never reached its closing boundary: a
     * multipart body cut short would otherwise store a truncated take as if it were whole.
     */
    private static final class WholePart extends FilterInputStream {

        private final StreamingFileUpload part;

        WholePart(StreamingFileUpload part) {
            super(part.asInputStream());
            this.part = part;
        }

        @Override
        public int read() throws IOException {
            return checked(super.read());
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return checked(super.read(buffer, offset, length));
        }

        private int checked(int read) throws IOException {
            if (read < 0 && !part.isComplete()) {
                throw new IOException(
                        new Invalid(
                                part.getName(),
                                "was cut short: the multipart body ended before the part's closing"
                                        + " boundary"));
            }
            return read;
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
