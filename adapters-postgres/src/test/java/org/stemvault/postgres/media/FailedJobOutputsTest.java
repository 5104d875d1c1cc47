package org.stemvault.postgres.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.media.MediaDeletion;
import org.stemvault.domain.media.MediaDeletions;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.postgres.PostgresTestSupport;

/**
 * A job that ends in error or is cancelled queues its recording folder's partial outputs for
 * removal in the same transaction (a trigger on {@code jobs}, whichever path ended it: a worker's
 * last failure, a lease run out, an admin's cancel) — unless a recording owns that folder.
 */
@MicronautTest(transactional = false)
class FailedJobOutputsTest extends PostgresTestSupport {

    @Inject Profiles profiles;
    @Inject AudioFiles audioFiles;
    @Inject Recordings recordings;
    @Inject Jobs jobs;
    @Inject MediaDeletions deletions;

    Profile band;

    @BeforeEach
    void band() {
        band = profiles.create(Fixtures.profile("band"));
    }

    Job job(String outputName, char hash, int maxAttempts) {
        AudioFile source =
                audioFiles.registerIfAbsent(Fixtures.audioFile(band.id(), Fixtures.hash(hash)));
        Job job = Fixtures.queuedJob(band, source.id(), outputName, maxAttempts, Instant.now());
        jobs.create(job);
        return job;
    }

    List<String> pending() {
        return deletions.pending().stream().map(MediaDeletion::folder).sorted().toList();
    }

    @Test
    void a_last_failure_and_a_cancel_queue_the_partial_outputs_a_retryable_failure_does_not() {
        Job last = job("take_aaaaaaaa", 'a', 1);
        Job again = job("take_bbbbbbbb", 'b', 3);
        Job cancelled = job("take_cccccccc", 'c', 3);
        Instant now = Instant.now();
        jobs.claim("w", JobKind.ALL, now, now.plusSeconds(60));
        jobs.claim("w", JobKind.ALL, now, now.plusSeconds(60));
        assertEquals(
                JobStatus.ERROR,
                jobs.fail(last.id(), "w", "CUDA out of memory", now, now).orElseThrow());
        assertEquals(
                JobStatus.QUEUED,
                jobs.fail(again.id(), "w", "a hiccup", now, now.plusSeconds(30)).orElseThrow());
        assertTrue(jobs.cancel(cancelled.id(), now));
        assertEquals(List.of("band/take_aaaaaaaa", "band/take_cccccccc"), pending());
    }

    @Test
    void a_failed_rerun_of_a_finished_take_keeps_its_stems() {
        Job job = job("take_dddddddd", 'd', 1);
        recordings.save(
                Fixtures.recording(
                        band.id(), "take_dddddddd", Fixtures.at(0), Fixtures.fourStems()));
        Instant now = Instant.now();
        jobs.claim("w", JobKind.ALL, now, now.plusSeconds(60));
        jobs.fail(job.id(), "w", "failed again", now, now);
        assertEquals(List.of(), pending());
    }
}
