package org.stemvault.domain.job;

import java.time.Instant;
import java.util.List;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.mix.MixId;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;

/**
 * One job of the queue. Of {@link JobKind#SEPARATE}: separating an uploaded take into stems, the
 * source ({@code audioFile}, stored at {@code inputKey}), the recording it becomes ({@code
 * outputName} in {@code profile}). Of {@link JobKind#RENDER}: rendering the take-away {@code mix}
 * of the recording {@code outputName} (no source file of its own). Both: where it stands ({@code
 * status}, the worker's {@code stage} and {@code percent}, {@code error}), how often it was tried,
 * and the lease of the worker that holds it. {@code stems} names the stems of a complete job. The
 * parts a new job does not have yet are values of their own ({@link Lease}, {@link Progress}), none
 * of them until a worker claims it.
 */
public record Job(
        JobId id,
        JobKind kind,
        ProfileId profile,
        ProfileName profileName,
        AudioFileId audioFile,
        MixId mix,
        OutputName outputName,
        String filename,
        String inputKey,
        JobStatus status,
        int attempts,
        int maxAttempts,
        Instant notBefore,
        Lease lease,
        Progress progress,
        String error,
        List<String> stems,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * Who holds the job, since when and until when; {@link #NONE} for a job nobody claimed (a
     * finished job keeps its last claim, for how long the attempt took).
     */
    public record Lease(Instant until, Instant claimedAt, String worker) {
        public static final Lease NONE = new Lease(null, null, null);
    }

    /** What the worker said it is doing and how far it is; {@link #NONE} before it says. */
    public record Progress(String stage, Integer percent) {
        public static final Progress NONE = new Progress(null, null);

        public Progress {
            Checks.optionalText("stage", stage, 200);
            if (percent != null && (percent < 0 || percent > 100)) {
                throw new Invalid("percent", "must be from 0 to 100");
            }
        }
    }

    public Job {
        Checks.required("id", id);
        Checks.required("kind", kind);
        Checks.required("profile_id", profile);
        Checks.required("profile_name", profileName);
        if (kind == JobKind.SEPARATE) {
            Checks.required("audio_file_id", audioFile);
            Checks.text("input_key", inputKey, 2000);
            if (mix != null) {
                throw new Invalid("mix_id", "a separation renders no mix");
            }
        } else {
            if (kind == JobKind.RENDER) {
                Checks.required("mix_id", mix);
            } else if (mix != null) {
                throw new Invalid("mix_id", "an analysis renders no mix");
            }
            if (audioFile != null || inputKey != null) {
                throw new Invalid("audio_file_id", "only a separation reads a source file");
            }
        }
        Checks.required("output_name", outputName);
        Checks.text("filename", filename, 1000);
        Checks.required("status", status);
        if (attempts < 0 || maxAttempts < 1) {
            throw new Invalid("attempts", "must not be negative, and at least one must be allowed");
        }
        Checks.required("not_before", notBefore);
        lease = lease == null ? Lease.NONE : lease;
        progress = progress == null ? Progress.NONE : progress;
        Checks.optionalText("error", error, 10_000);
        stems = stems == null ? null : List.copyOf(stems);
        Checks.required("created_at", createdAt);
        Checks.required("updated_at", updatedAt);
    }

    public Instant leaseUntil() {
        return lease.until();
    }

    public Instant claimedAt() {
        return lease.claimedAt();
    }

    public String worker() {
        return lease.worker();
    }

    public String stage() {
        return progress.stage();
    }

    public Integer percent() {
        return progress.percent();
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
                JobKind.SEPARATE,
                profile,
                profileName,
                audioFile,
                null,
                outputName,
                filename,
                inputKey,
                JobStatus.QUEUED,
                0,
                maxAttempts,
                now,
                Lease.NONE,
                Progress.NONE,
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
                JobKind.SEPARATE,
                profile,
                profileName,
                audioFile,
                null,
                outputName,
                filename,
                inputKey,
                JobStatus.COMPLETE,
                0,
                1,
                now,
                Lease.NONE,
                new Progress(null, 100),
                null,
                stems,
                now,
                now);
    }

    /**
     * A new job rendering {@code mix} of the recording {@code outputName}, queued now; {@code
     * fileName} is the mix's file.
     */
    public static Job render(
            ProfileId profile,
            ProfileName profileName,
            MixId mix,
            OutputName outputName,
            String fileName,
            int maxAttempts,
            Instant now) {
        return new Job(
                JobId.random(),
                JobKind.RENDER,
                profile,
                profileName,
                null,
                mix,
                outputName,
                fileName,
                null,
                JobStatus.QUEUED,
                0,
                maxAttempts,
                now,
                Lease.NONE,
                Progress.NONE,
                null,
                null,
                now,
                now);
    }

    /** The analysis of a recording's stored stems (by its profile and output name), queued now. */
    public static Job analyze(
            ProfileId profile,
            ProfileName profileName,
            OutputName outputName,
            int maxAttempts,
            Instant now) {
        return new Job(
                JobId.random(),
                JobKind.ANALYZE,
                profile,
                profileName,
                null,
                null,
                outputName,
                outputName.value(),
                null,
                JobStatus.QUEUED,
                0,
                maxAttempts,
                now,
                Lease.NONE,
                Progress.NONE,
                null,
                null,
                now,
                now);
    }
}
