package org.stemvault.domain.mix;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.user.UserId;

/**
 * A take-away mix of one recording: what it is rendered from ({@code spec}, named by {@code
 * contentKey}), who asked for it first ({@code madeBy}, null once that user is gone), the job that
 * renders it and where that job stands ({@code status}: the job's), the file ({@code fileName} as
 * served, at {@code mediaKey} in the store) and, once rendered, what it measured ({@link
 * Rendered}).
 */
public record Mix(
        MixId id,
        ProfileId profile,
        RecordingId recording,
        UserId madeBy,
        String contentKey,
        MixSpec spec,
        String fileName,
        MediaKey mediaKey,
        JobId job,
        JobStatus status,
        Rendered rendered,
        Instant createdAt,
        Instant fetchedAt) {

    /** The rendered file's duration, size and integrated loudness; {@link #NONE} before. */
    public record Rendered(Double durationSeconds, Long sizeBytes, Double loudnessLufs) {
        public static final Rendered NONE = new Rendered(null, null, null);

        public Rendered {
            if (durationSeconds != null) {
                Checks.positive("duration_seconds", durationSeconds);
            }
            if (sizeBytes != null) {
                Checks.notNegative("size_bytes", sizeBytes);
            }
            if (loudnessLufs != null) {
                Checks.finite("loudness_lufs", loudnessLufs);
            }
        }
    }

    public Mix {
        Checks.required("id", id);
        Checks.required("profile_id", profile);
        Checks.required("recording_id", recording);
        Checks.text("content_key", contentKey, 64);
        Checks.required("spec", spec);
        Checks.text("file_name", fileName, 255);
        Checks.required("media_key", mediaKey);
        Checks.required("job_id", job);
        Checks.required("status", status);
        rendered = rendered == null ? Rendered.NONE : rendered;
        Checks.required("created_at", createdAt);
        Checks.required("fetched_at", fetchedAt);
    }

    /** The same mix, its job at {@code newStatus}. */
    public Mix withStatus(JobId newJob, JobStatus newStatus) {
        return new Mix(
                id,
                profile,
                recording,
                madeBy,
                contentKey,
                spec,
                fileName,
                mediaKey,
                newJob,
                newStatus,
                rendered,
                createdAt,
                fetchedAt);
    }

    /** The same mix, with what its rendered file measured. */
    public Mix withRendered(Rendered measured) {
        return new Mix(
                id,
                profile,
                recording,
                madeBy,
                contentKey,
                spec,
                fileName,
                mediaKey,
                job,
                status,
                measured,
                createdAt,
                fetchedAt);
    }

    /** The same mix, last fetched at {@code at}. */
    public Mix withFetchedAt(Instant at) {
        return new Mix(
                id,
                profile,
                recording,
                madeBy,
                contentKey,
                spec,
                fileName,
                mediaKey,
                job,
                status,
                rendered,
                createdAt,
                at);
    }

    /** The same mix without its maker (the user is gone). */
    public Mix withoutMaker() {
        return new Mix(
                id,
                profile,
                recording,
                null,
                contentKey,
                spec,
                fileName,
                mediaKey,
                job,
                status,
                rendered,
                createdAt,
                fetchedAt);
    }

    /** Whether its file is there to be served: rendered, its job complete. */
    public boolean ready() {
        return status == JobStatus.COMPLETE && rendered.sizeBytes() != null;
    }
}
