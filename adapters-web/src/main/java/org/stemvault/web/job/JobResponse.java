package org.stemvault.web.job;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.List;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobStatus;

/**
 * A job as the existing web client reads it: {@code status} is {@code processing} until the job
 * ends {@code complete} or {@code error} (a cancelled job is an error, saying so); {@code stage}
 * and {@code percent} are extra fields for a progress bar.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
record JobResponse(
        String jobId,
        String profileName,
        String outputName,
        String filename,
        String status,
        List<String> stems,
        String error,
        String stage,
        Integer percent) {

    static JobResponse of(Job job) {
        String status =
                switch (job.status()) {
                    case QUEUED, PROCESSING -> "processing";
                    case COMPLETE -> "complete";
                    case ERROR, CANCELLED -> "error";
                };
        return new JobResponse(
                job.id().toString(),
                job.profileName().value(),
                job.outputName().value(),
                job.filename(),
                status,
                job.status() == JobStatus.COMPLETE ? job.stems() : null,
                job.status().finished() && job.status() != JobStatus.COMPLETE ? job.error() : null,
                job.stage(),
                job.percent());
    }
}
