package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stemvault.application.contracts.Fixtures.at;
import static org.stemvault.application.contracts.Fixtures.audioFile;
import static org.stemvault.application.contracts.Fixtures.hash;
import static org.stemvault.application.contracts.Fixtures.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Position;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;

public abstract class JobsContract extends PortsContract {

    Profile band;
    Profile attic;

    @BeforeEach
    void seed() {
        band = profiles.create(profile("band"));
        attic = profiles.create(profile("attic"));
    }

    Job queue(Profile p, char hash, int maxAttempts, Instant createdAt) {
        AudioFile source = audioFiles.registerIfAbsent(audioFile(p.id(), hash(hash)));
        Job job =
                Job.queue(
                        p.id(),
                        p.name(),
                        source.id(),
                        new OutputName("take_" + hash),
                        "take.wav",
                        "inputs/" + p.name() + "/take.wav",
                        maxAttempts,
                        createdAt);
        jobs.create(job);
        return job;
    }

    @Test
    void a_queued_job_is_found_by_id_and_by_source_with_its_profiles_name() {
        Job job = queue(band, 'a', 3, at(0));
        Job stored = jobs.byId(job.id()).orElseThrow();
        assertEquals(job, stored);
        assertEquals(band.name(), stored.profileName());
        assertEquals(job, jobs.ofAudioFile(job.audioFile()).orElseThrow());
        assertThrows(
                Conflict.class,
                () ->
                        jobs.create(
                                Job.queue(
                                        band.id(),
                                        band.name(),
                                        job.audioFile(),
                                        new OutputName("again"),
                                        "t.wav",
                                        "inputs/band/t.wav",
                                        3,
                                        at(1))),
                "one job per source");
    }

    @Test
    void only_members_and_admins_see_a_job() {
        Job job = queue(band, 'a', 3, at(0));
        User member = users.provision(new Email("member@example.com"), at(0));
        User stranger = users.provision(new Email("stranger@example.com"), at(0));
        memberships.grant(new Membership(member.id(), band.id(), at(0)));
        assertTrue(jobs.visible(viewer(member), job.id()).isPresent());
        assertTrue(jobs.visible(viewer(stranger), job.id()).isEmpty());
        User admin =
                users.provision(
                        new Email(org.stemvault.application.fakes.Ports.CONFIGURED_ADMIN), at(0));
        assertTrue(jobs.visible(viewer(admin), job.id()).isPresent());
    }

    @Test
    void the_oldest_due_job_is_claimed_under_a_lease_and_counted_as_an_attempt() {
        Job older = queue(band, 'a', 3, at(0));
        queue(attic, 'b', 3, at(5));
        Job claimed = jobs.claim("w1", JobKind.ALL, at(10), at(70)).orElseThrow();
        assertEquals(older.id(), claimed.id());
        assertEquals(JobStatus.PROCESSING, claimed.status());
        assertEquals(1, claimed.attempts());
        assertEquals("w1", claimed.worker());
        assertEquals(at(70), claimed.leaseUntil());
        assertTrue(jobs.claim("w2", JobKind.ALL, at(10), at(70)).isPresent());
        assertTrue(
                jobs.claim("w3", JobKind.ALL, at(10), at(70)).isEmpty(), "nothing left to claim");
    }

    @Test
    void two_workers_racing_never_get_the_same_job() throws Exception {
        for (char c : "abcdef01".toCharArray()) {
            queue(band, c, 3, at(c));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String name = "w" + w;
            workers.add(
                    pool.submit(
                            () -> {
                                start.await();
                                List<String> mine = new ArrayList<>();
                                for (Optional<Job> j =
                                                jobs.claim(name, JobKind.ALL, at(1000), at(2000));
                                        j.isPresent();
                                        j = jobs.claim(name, JobKind.ALL, at(1000), at(2000))) {
                                    mine.add(j.get().id().toString());
                                }
                                return mine;
                            }));
        }
        start.countDown();
        List<String> all = Collections.synchronizedList(new ArrayList<>());
        for (Future<List<String>> f : workers) {
            all.addAll(f.get());
        }
        pool.shutdown();
        assertEquals(8, all.size());
        assertEquals(8, Set.copyOf(all).size(), "no job was claimed twice");
    }

    @Test
    void only_the_holder_heartbeats_completes_or_fails_a_job() {
        Job job = queue(band, 'a', 3, at(0));
        jobs.claim("w1", JobKind.ALL, at(1), at(61));
        assertFalse(jobs.heartbeat(job.id(), "w2", "separating", 10, at(2), at(62)));
        assertTrue(jobs.heartbeat(job.id(), "w1", "separating", 40, at(2), at(62)));
        Job progressing = jobs.byId(job.id()).orElseThrow();
        assertEquals("separating", progressing.stage());
        assertEquals(40, progressing.percent());
        assertEquals(at(62), progressing.leaseUntil());
        assertFalse(jobs.complete(job.id(), "w2", List.of("vocals"), at(3)));
        assertTrue(jobs.fail(job.id(), "w2", "no", at(3), at(3)).isEmpty());
        assertTrue(jobs.complete(job.id(), "w1", List.of("vocals", "drums"), at(3)));
        Job complete = jobs.byId(job.id()).orElseThrow();
        assertEquals(JobStatus.COMPLETE, complete.status());
        assertEquals(List.of("vocals", "drums"), complete.stems());
        assertNull(complete.worker());
        assertFalse(
                jobs.complete(job.id(), "w1", List.of("vocals"), at(4)),
                "a finished job is held by no one");
    }

    @Test
    void a_failure_requeues_after_the_pause_until_the_last_attempt_ends_in_error() {
        Job job = queue(band, 'a', 2, at(0));
        jobs.claim("w1", JobKind.ALL, at(1), at(61));
        assertEquals(
                Optional.of(JobStatus.QUEUED),
                jobs.fail(job.id(), "w1", "out of memory", at(2), at(30)));
        assertTrue(
                jobs.claim("w1", JobKind.ALL, at(29), at(90)).isEmpty(),
                "not before its pause is over");
        assertEquals(2, jobs.claim("w1", JobKind.ALL, at(30), at(90)).orElseThrow().attempts());
        assertEquals(
                Optional.of(JobStatus.ERROR),
                jobs.fail(job.id(), "w1", "out of memory again", at(31), at(60)));
        Job failed = jobs.byId(job.id()).orElseThrow();
        assertEquals(JobStatus.ERROR, failed.status());
        assertEquals("out of memory again", failed.error());
    }

    @Test
    void a_released_job_is_due_at_once_with_the_attempt_not_counted() {
        Job job = queue(band, 'a', 1, at(0));
        jobs.claim("w1", JobKind.ALL, at(1), at(61));
        assertFalse(jobs.release(job.id(), "w2", at(2)), "only its holder hands it back");
        assertTrue(jobs.release(job.id(), "w1", at(2)));
        Job back = jobs.byId(job.id()).orElseThrow();
        assertEquals(JobStatus.QUEUED, back.status());
        assertEquals(0, back.attempts());
        assertNull(back.worker());
        assertFalse(jobs.release(job.id(), "w1", at(3)), "a queued job is held by no one");
        assertEquals(1, jobs.claim("w2", JobKind.ALL, at(2), at(62)).orElseThrow().attempts());
    }

    @Test
    void a_last_lease_that_runs_out_leaves_the_recording_it_was_separating_again_in_error() {
        Job job = queue(band, 'a', 1, at(0));
        Recording existing =
                recordings.save(
                        Recording.create(
                                band.id(),
                                job.outputName(),
                                null,
                                null,
                                null,
                                Fixtures.fourStems(),
                                at(0)));
        Job other = queue(band, 'b', 2, at(0));
        Recording untouched =
                recordings.save(
                        Recording.create(
                                band.id(),
                                other.outputName(),
                                null,
                                null,
                                null,
                                Fixtures.fourStems(),
                                at(0)));
        jobs.claim("w1", JobKind.ALL, at(1), at(10));
        jobs.claim("w1", JobKind.ALL, at(1), at(10));
        assertEquals(2, jobs.expireLeases(at(11)));
        assertEquals(
                org.stemvault.domain.recording.RecordingStatus.ERROR,
                recordings.byId(existing.id()).orElseThrow().details().status());
        assertEquals(
                org.stemvault.domain.recording.RecordingStatus.COMPLETE,
                recordings.byId(untouched.id()).orElseThrow().details().status(),
                "its job has an attempt left");
    }

    @Test
    void an_expired_lease_puts_the_job_back_and_the_last_attempt_in_error() {
        Job once = queue(band, 'a', 1, at(0));
        Job twice = queue(band, 'b', 2, at(1));
        jobs.claim("w1", JobKind.ALL, at(2), at(10));
        jobs.claim("w1", JobKind.ALL, at(2), at(100));
        assertEquals(0, jobs.expireLeases(at(9)));
        assertEquals(1, jobs.expireLeases(at(11)));
        assertEquals(JobStatus.ERROR, jobs.byId(once.id()).orElseThrow().status());
        assertEquals(JobStatus.PROCESSING, jobs.byId(twice.id()).orElseThrow().status());
        assertEquals(1, jobs.expireLeases(at(101)));
        Job back = jobs.byId(twice.id()).orElseThrow();
        assertEquals(JobStatus.QUEUED, back.status());
        assertTrue(back.error().contains("lease"));
        assertFalse(
                jobs.heartbeat(twice.id(), "w1", null, null, at(102), at(200)),
                "its old worker lost it");
    }

    @Test
    void jobs_are_listed_newest_first_filtered_and_paged() {
        Job a = queue(band, 'a', 3, at(0));
        Job b = queue(attic, 'b', 3, at(1));
        Job c = queue(band, 'c', 3, at(2));
        assertEquals(
                List.of(c.id(), b.id(), a.id()),
                jobs.list(null, null, null, 10).stream().map(Job::id).toList());
        assertEquals(
                List.of(c.id(), a.id()),
                jobs.list(null, band.name(), null, 10).stream().map(Job::id).toList());
        jobs.claim("w1", JobKind.ALL, at(5), at(60));
        assertEquals(
                List.of(a.id()),
                jobs.list(JobStatus.PROCESSING, null, null, 10).stream().map(Job::id).toList());
        List<Job> first = jobs.list(null, null, null, 2);
        Job last = first.get(1);
        assertEquals(
                List.of(a.id()),
                jobs.list(null, null, new Position(last.createdAt(), last.id().value()), 2).stream()
                        .map(Job::id)
                        .toList());
    }

    @Test
    void a_job_is_cancelled_while_unfinished_and_retried_once_finished() {
        Job job = queue(band, 'a', 3, at(0));
        assertFalse(jobs.retry(job.id(), at(1)), "a queued job is not retried");
        jobs.claim("w1", JobKind.ALL, at(1), at(60));
        assertTrue(jobs.cancel(job.id(), at(2)));
        assertEquals(JobStatus.CANCELLED, jobs.byId(job.id()).orElseThrow().status());
        assertFalse(jobs.cancel(job.id(), at(3)));
        assertFalse(
                jobs.complete(job.id(), "w1", List.of("vocals"), at(3)),
                "a cancelled job's worker lost it");
        assertTrue(jobs.retry(job.id(), at(4)));
        Job again = jobs.byId(job.id()).orElseThrow();
        assertEquals(JobStatus.QUEUED, again.status());
        assertEquals(0, again.attempts());
        assertNull(again.error());
    }

    @Test
    void only_the_holder_arms_a_callback_secret_and_a_new_dispatch_replaces_it() {
        Job job = queue(band, 'a', 3, at(0));
        String first = "1".repeat(64);
        assertFalse(jobs.arm(job.id(), "push", first), "a queued job is held by no one");
        assertTrue(jobs.callbackSecretHash(job.id()).isEmpty());
        jobs.claim("push", JobKind.ALL, at(1), at(60));
        assertTrue(jobs.arm(job.id(), "push", first));
        assertFalse(jobs.arm(job.id(), "w2", "2".repeat(64)));
        assertEquals(Optional.of(first), jobs.callbackSecretHash(job.id()));
        jobs.fail(job.id(), "push", "refused", at(2), at(2));
        jobs.claim("push", JobKind.ALL, at(3), at(60));
        assertTrue(jobs.arm(job.id(), "push", "2".repeat(64)));
        assertEquals(Optional.of("2".repeat(64)), jobs.callbackSecretHash(job.id()));
    }
}
