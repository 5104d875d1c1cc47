package org.stemvault.domain.job;

import java.time.Instant;
import java.util.List;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;

/**
 * Separating one uploaded take into stems: the source ({@code audioFile}, stored at {@code
 * inputKey}), the recording it becomes ({@code outputName} in {@code profile}), where it stands
 * ({@code status}, the worker's {@code stage} and {@code percent}, {@code error}), how often it was
 * tried, and the lease of the worker that holds it. {@code stems} names the stems of a complete
 * job.
 */
public record Job(
        JobId id,
        ProfileId profile,
        ProfileName profileName,
        AudioFileId audioFile,
        OutputName outputName,
        String filename,
        String inputKey,
        JobStatus status,
        int attempts,
        int maxAttempts,
        Instant notBefore,
        Instant leaseUntil,
        Instant claimedAt,
        String worker,
        String stage,
        Integer percent,
        String error,
        List<String> stems,
        Instant createdAt,
        Instant updatedAt) {

    public Job {
        Checks.required("id", id);
        Checks.required("profile_id", profile);
        Checks.required("profile_name", profileName);
        Checks.required("audio_file_id", audioFile);
        Checks.required("output_name", outputName);
        Checks.text("filename", filename, 1000);
        Checks.text("input_key", inputKey, 2000);
        Checks.required("status", status);
        if (attempts < 0 || maxAttempts < 1) {
            throw new Invalid("attempts", "must not be negative, and at least one must be allowed");
        }
        Checks.required("not_before", notBefore);
        Checks.optionalText("stage", stage, 200);
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new Invalid("percent", "must be from 0 to 100");
        }
        Checks.optionalText("error", error, 10_000);
        stems = stems == null ? null : List.copyOf(stems);
        Checks.required("created_at", createdAt);
        Checks.required("updated_at", updatedAt);
    }

    /** A new job, queued now. */
    public static Job queue(
            ProfileId profile,
            ProfileName profileName,
            AudioFileId audioFile,
            OutputName outputName,
            String filename,
            String inputKey,
            int maxAttempts,
            Instant now) {
        return new Job(
                JobId.random(),
                profile,
                profileName,
                audioFile,
                outputName,
                filename,
                inputKey,
                JobStatus.QUEUED,
                0,
                maxAttempts,
                now,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                now,
                now);
    }

    /**
     * A job for a source that was separated already (its recording exists): complete from the
     * start.
     */
    public static Job done(
            ProfileId profile,
            ProfileName profileName,
            AudioFileId audioFile,
            OutputName outputName,
            String filename,
            String inputKey,
            List<String> stems,
            Instant now) {
        return new Job(
                JobId.random(),
                profile,
                profileName,
                audioFile,
                outputName,
                filename,
                inputKey,
                JobStatus.COMPLETE,
                0,
                1,
                now,
                null,
                null,
                null,
                null,
                100,
                null,
                stems,
                now,
                now);
    }
}
