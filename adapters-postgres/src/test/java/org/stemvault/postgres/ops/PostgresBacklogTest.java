package org.stemvault.postgres.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.ops.Backlog;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.search.EmbeddingJobs;
import org.stemvault.postgres.PostgresTestSupport;

/** The backlog as the metrics read it, on the real tables. */
@MicronautTest(transactional = false)
class PostgresBacklogTest extends PostgresTestSupport {

    @Inject Backlog backlog;
    @Inject Profiles profiles;
    @Inject AudioFiles audioFiles;
    @Inject Recordings recordings;
    @Inject Jobs jobs;
    @Inject EmbeddingJobs embeddingJobs;

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    Job job(Profile band, String name, char hash, int maxAttempts, Instant at) {
        AudioFile source =
                audioFiles.registerIfAbsent(Fixtures.audioFile(band.id(), Fixtures.hash(hash)));
        Job job = Fixtures.queuedJob(band, source.id(), name, maxAttempts, at);
        jobs.create(job);
        return job;
    }

    @Test
    void nothing_waiting_is_zeros_for_every_status() {
        Backlog.Snapshot empty = backlog.snapshot(now);
        assertEquals(0, empty.embeddingsPending());
        assertEquals(Duration.ZERO, empty.oldestEmbeddingWait());
        assertEquals(Duration.ZERO, empty.oldestQueuedJobWait());
        assertEquals(0, empty.deadLetters());
        assertEquals(0, empty.mediaDeletionsPending());
        assertEquals(0, empty.drive().connectedFolders());
        assertEquals(0, empty.drive().channelsExpiringSoon());
        assertEquals(
                Map.of("importing", 0L, "imported", 0L, "duplicate", 0L, "failed", 0L),
                empty.drive().imports());
        for (JobStatus status : JobStatus.values()) {
            assertEquals(0L, empty.jobs().get(status), status.code());
        }
    }

    @Test
    void counts_jobs_by_status_dead_letters_and_how_long_the_oldest_waited() {
        Profile band = profiles.create(Fixtures.profile("band"));
        Job failing = job(band, "take_aaaaaaaa", 'a', 1, now.minusSeconds(300));
        job(band, "take_bbbbbbbb", 'b', 3, now.minusSeconds(100));
        job(band, "take_cccccccc", 'c', 3, now.minusSeconds(50));
        jobs.claim(
                "w",
                JobKind.ALL,
                now,
                now.plusSeconds(60)); // the oldest, which then fails for good
        jobs.fail(failing.id(), "w", "CUDA out of memory", now, now);
        Recording take =
                recordings.save(Fixtures.recording(band.id(), "take", now, Fixtures.fourStems()));
        embeddingJobs.enqueue(take.id(), "text", now.minusSeconds(30));
        embeddingJobs.enqueue(
                recordings
                        .save(Fixtures.recording(band.id(), "later", now, Fixtures.fourStems()))
                        .id(),
                "text",
                now.plusSeconds(600)); // not due yet: pending, but not waiting

        Backlog.Snapshot snapshot = backlog.snapshot(now);

        assertEquals(
                Map.of(
                        JobStatus.QUEUED, 2L,
                        JobStatus.PROCESSING, 0L,
                        JobStatus.COMPLETE, 0L,
                        JobStatus.ERROR, 1L,
                        JobStatus.CANCELLED, 0L),
                snapshot.jobs());
        assertEquals(1, snapshot.deadLetters());
        assertEquals(Duration.ofSeconds(100), snapshot.oldestQueuedJobWait());
        assertEquals(2, snapshot.embeddingsPending());
        assertEquals(Duration.ofSeconds(30), snapshot.oldestEmbeddingWait());
        assertEquals(1, snapshot.mediaDeletionsPending(), "the failed job's partial outputs");
    }
}
