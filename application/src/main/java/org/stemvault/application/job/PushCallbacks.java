package org.stemvault.application.job;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.stemvault.application.Backoff;
import org.stemvault.application.Secrets;
import org.stemvault.application.Transactions;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.media.RecordingFolders;
import org.stemvault.domain.recording.Recordings;

/**
 * A push worker's outcome, at the callback URL it was sent ({@link Dispatch}): with the right
 * secret only (else not found, like any job). A repeated callback changes nothing.
 */
public final class PushCallbacks {

    /** What the worker reports: the job is complete, or its attempt failed. */
    public enum Outcome {
        COMPLETE,
        ERROR
    }

    private final Jobs jobs;
    private final RecordingFolders folders;
    private final Completion completion;
    private final Clock clock;
    private final ProcessingSettings settings;

    public PushCallbacks(
            Jobs jobs,
            Recordings recordings,
            RecordingFolders folders,
            RegisterRecording register,
            Transactions transactions,
            Clock clock,
            ProcessingSettings settings) {
        this.jobs = jobs;
        this.folders = folders;
        this.completion = new Completion(jobs, recordings, register, transactions, clock);
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * {@code COMPLETE} reads the stems from the recording's folder in the store ({@code
     * metadata.json}, sizes and durations from the files) and completes the job as a pull worker's
     * completion does, the worker's {@code sections} becoming clips; {@code ERROR} fails the
     * attempt. A null outcome (one the worker spelled otherwise) is refused after the secret.
     */
    public void callback(
            JobId id,
            String secret,
            Outcome outcome,
            String error,
            List<RegisterRecording.Section> sections) {
        String expected = jobs.callbackSecretHash(id).orElseThrow(JobRules::noJob);
        if (secret == null || !Secrets.matches(secret, expected)) {
            throw JobRules.noJob();
        }
        if (outcome == null) {
            throw new Invalid("status", "must be complete or error");
        }
        Job job = jobs.byId(id).orElseThrow(JobRules::noJob);
        switch (outcome) {
            case COMPLETE -> {
                if (job.status() == JobStatus.COMPLETE) {
                    return;
                }
                RecordingFolders.Folder folder;
                try {
                    folder = folders.read(job.profileName(), job.outputName());
                } catch (Invalid e) {
                    failed(job, "the worker completed without a readable recording: " + e.reason());
                    throw e;
                }
                completion.complete(
                        Dispatch.PUSH, id, folder.displayName(), folder.stems(), sections);
            }
            case ERROR -> {
                if (!job.status().finished()) {
                    failed(job, error == null || error.isBlank() ? "the worker failed" : error);
                }
            }
        }
    }

    private void failed(Job job, String reason) {
        Instant now = clock.instant();
        jobs.fail(
                job.id(),
                Dispatch.PUSH,
                reason.length() > 10_000 ? reason.substring(0, 10_000) : reason,
                now,
                Backoff.retryAt(job.attempts(), now, settings.backoff()));
    }
}
