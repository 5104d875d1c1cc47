package org.stemvault.application.job;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.stemvault.application.Transactions;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.Stem;

/**
 * A job's completion, by a pull worker or a push worker's callback: the recording is registered
 * ({@link RegisterRecording}) in the same transaction as the job's completion, so a half-finished
 * completion leaves nothing and can be done again; completing a complete job again changes nothing
 * (a replay).
 */
final class Completion {

    private final Jobs jobs;
    private final Recordings recordings;
    private final RegisterRecording register;
    private final Transactions transactions;
    private final Clock clock;

    Completion(
            Jobs jobs,
            Recordings recordings,
            RegisterRecording register,
            Transactions transactions,
            Clock clock) {
        this.jobs = jobs;
        this.recordings = recordings;
        this.register = register;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The stems' files were checked before ({@link RegisterRecording#requireFiles}). */
    CompletedJob complete(
            String worker,
            JobId id,
            String displayName,
            List<Stem> stems,
            List<RegisterRecording.Section> sections) {
        return transactions.inTransaction(
                () -> {
                    Job job = jobs.byId(id).orElseThrow(JobRules::noJob);
                    if (job.status() == JobStatus.COMPLETE) {
                        Optional<Recording> done =
                                recordings.byOutputName(job.profile(), job.outputName());
                        if (done.isPresent()) {
                            return new CompletedJob(done.get(), job.profileName(), null);
                        }
                    }
                    Recording saved =
                            register.register(
                                            RegisterRecording.Take.of(
                                                            job.profile(), job.outputName(), stems)
                                                    .named(displayName, null)
                                                    .from(job.audioFile())
                                                    .withSections(sections))
                                    .recording();
                    if (!jobs.complete(
                            job.id(),
                            worker,
                            stems.stream().map(s -> s.type().value()).toList(),
                            clock.instant())) {
                        throw JobRules.notHeld();
                    }
                    return new CompletedJob(
                            saved,
                            job.profileName(),
                            job.claimedAt() == null
                                    ? null
                                    : Duration.between(job.claimedAt(), clock.instant()));
                });
    }
}
