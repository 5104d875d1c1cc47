package org.stemvault.web.job;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import org.stemvault.application.job.Uploads;

/**
 * An upload's answer: its job as {@link JobResponse} (what the migration-era client polls), and the
 * {@code recording_id} of the recording listed at once as {@code processing} (what the newest
 * client opens), with {@code message} saying when the take was uploaded before (else null).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
record UploadResponse(@JsonUnwrapped JobResponse job, String recordingId, String message) {

    static UploadResponse of(Uploads.Uploaded uploaded) {
        return new UploadResponse(
                JobResponse.of(uploaded.job()),
                uploaded.recording().id().toString(),
                uploaded.fresh() ? null : "this take was uploaded before: its recording is kept");
    }
}
