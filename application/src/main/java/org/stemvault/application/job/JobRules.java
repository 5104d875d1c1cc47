package org.stemvault.application.job;

import org.stemvault.application.WorkerCaller;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.recording.Recordings;

/** What every use case of a job answers alike: a missing job, a job the worker does not hold. */
final class JobRules {

    private JobRules() {}

    /** Whether the worker holds the job: it is being processed, under this worker's lease. */
    static boolean heldBy(Job job, WorkerCaller worker) {
        return job.status() == JobStatus.PROCESSING && worker.name().equals(job.worker());
    }

    static NotFound noJob() {
        return new NotFound("no such job");
    }

    static Conflict notHeld() {
        return new Conflict(
                "this worker does not hold the job (any more): its lease ran out, or it was cancelled");
    }

    /**
     * The status of the job's recording, when it has one already (a finished job an admin retried
     * separates it again). A render's recording is not its to change: its status is the mix's.
     */
    static void recordingIs(Recordings recordings, Job job, RecordingStatus status) {
        if (job.kind() != JobKind.SEPARATE) {
            return;
        }
        recordings
                .byOutputName(job.profile(), job.outputName())
                .ifPresent(r -> recordings.setStatus(r.id(), status));
    }
}
