package org.stemvault.application.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Principal;
import org.stemvault.application.WorkerCaller;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.application.fakes.InMemoryMediaStore;
import org.stemvault.application.fakes.World;
import org.stemvault.application.library.Library;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.application.search.TextIndex;
import org.stemvault.application.signin.Admin;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.TooLarge;
import org.stemvault.domain.Unsupported;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.worker.WorkerTokenId;

class JobLifecycleTest {

    /** A WAV file's first bytes, then silence. */
    static byte[] wav(int bytes) {
        byte[] content = new byte[bytes];
        System.arraycopy(
                "RIFF\0\0\0\0WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                0,
                content,
                0,
                16);
        return content;
    }

    final World world = new World();
    final InMemoryMediaStore media = new InMemoryMediaStore();
    final TextIndex textIndex =
            new TextIndex(
                    List.of(),
                    world.ports.embeddingJobs(),
                    world.ports.recordings(),
                    world.ports.embeddings(),
                    () -> null,
                    world.clock);
    final Uploads uploads =
            new Uploads(
                    world.ports.catalogue(),
                    world.ports.audioFiles(),
                    world.ports.recordings(),
                    world.ports.jobs(),
                    media,
                    world.ports.transactions(),
                    world.clock,
                    new Uploads.Settings(1000, 2),
                    world.ports.mediaDeletions());
    final ProcessingSettings settings =
            new ProcessingSettings(Duration.ofMinutes(1), Duration.ZERO, "opus", "192k");
    final RegisterRecording register =
            new RegisterRecording(
                    world.ports.recordings(), world.ports.clips(), textIndex, world.clock);
    final WorkerFiles files =
            new WorkerFiles(world.ports.jobs(), world.ports.mixes(), media, settings);
    final PullWorker pull =
            new PullWorker(
                    world.ports.jobs(),
                    world.ports.mixes(),
                    world.ports.profiles(),
                    world.ports.recordings(),
                    media,
                    files,
                    register,
                    world.ports.transactions(),
                    world.clock,
                    settings);
    final JobQueue queue =
            new JobQueue(
                    world.ports.jobs(),
                    world.ports.recordings(),
                    world.ports.transactions(),
                    world.clock);
    final JobTracking tracking = new JobTracking(world.ports.jobs(), world.ports.catalogue());
    final Profile band = world.profile("band");
    final Principal member = world.principal(world.user("member@example.com"));
    final WorkerCaller worker = new WorkerCaller(WorkerTokenId.random());

    {
        world.grant(world.ports.users().byId(member.id()).orElseThrow(), band);
    }

    Job upload(String name, byte[] content) {
        return uploads.upload(member, "band", name, new ByteArrayInputStream(content)).job();
    }

    /** What a worker puts before it completes: every file {@link Fixtures#fourStems} names. */
    void outputs(Job job) {
        for (var stem : Fixtures.fourStems()) {
            for (var file : List.of(stem.audio(), stem.waveform())) {
                files.output(
                        worker,
                        job.id(),
                        file.value(),
                        new ByteArrayInputStream(new byte[] {1, 2, 3}));
            }
        }
    }

    @Test
    void a_completion_naming_a_file_not_in_the_store_is_refused_and_the_job_stays_held() {
        Job job = upload("take.wav", wav(100));
        pull.claim(worker, JobKind.ALL);
        Invalid missing =
                assertThrows(
                        Invalid.class,
                        () ->
                                pull.complete(
                                        worker, job.id(), null, Fixtures.fourStems(), List.of()));
        assertEquals("stems[0].audio_url", missing.field());
        assertTrue(
                world.ports
                        .recordings()
                        .byOutputName(band.id(), job.outputName())
                        .orElseThrow()
                        .stems()
                        .isEmpty(),
                "the upload's recording has no stems yet");
        outputs(job);
        assertEquals(
                4,
                pull.complete(worker, job.id(), null, Fixtures.fourStems(), List.of())
                        .recording()
                        .stems()
                        .size(),
                "put, then completed by the same holder");
    }

    Recording recordingOf(Job job) {
        return world.ports.recordings().byOutputName(band.id(), job.outputName()).orElseThrow();
    }

    @Test
    void an_upload_is_a_processing_recording_at_once_which_its_completion_fills() {
        Uploads.Uploaded uploaded =
                uploads.upload(member, "band", "take.wav", new ByteArrayInputStream(wav(100)));
        assertTrue(uploaded.fresh());
        Recording listed = recordingOf(uploaded.job());
        assertEquals(uploaded.recording().id(), listed.id());
        assertEquals(RecordingStatus.PROCESSING, listed.details().status());
        assertEquals(RecordingStatus.PROCESSING, uploaded.recording().details().status());
        assertTrue(listed.stems().isEmpty());
        assertEquals(uploaded.job().outputName().value(), listed.displayName());
        Uploads.Uploaded again =
                uploads.upload(member, "band", "copy.wav", new ByteArrayInputStream(wav(100)));
        assertFalse(again.fresh());
        assertEquals(listed.id(), again.recording().id(), "the same take, the same recording");

        pull.claim(worker, JobKind.ALL);
        outputs(uploaded.job());
        pull.complete(worker, uploaded.job().id(), null, Fixtures.fourStems(), List.of());
        Recording done = recordingOf(uploaded.job());
        assertEquals(listed.id(), done.id(), "completion fills the listed recording");
        assertEquals(RecordingStatus.COMPLETE, done.details().status());
        assertEquals(4, done.stems().size());
    }

    @Test
    void a_take_that_fails_for_good_is_a_recording_in_error_with_the_reason() {
        Job job = upload("take.wav", wav(100));
        for (int attempt = 0; attempt < 2; attempt++) {
            pull.claim(worker, JobKind.ALL);
            pull.fail(worker, job.id(), "the model ran out of memory");
        }
        Recording failed = recordingOf(job);
        assertEquals(RecordingStatus.ERROR, failed.details().status());
        assertEquals("the model ran out of memory", failed.details().error());
    }

    @Test
    void cancelling_a_take_never_separated_leaves_its_recording_in_error() {
        Job job = upload("take.wav", wav(100));
        queue.cancel(Admin.of(world.principal(world.admin("boss@example.com"))), job.id());
        assertEquals(RecordingStatus.ERROR, recordingOf(job).details().status());
        assertEquals("cancelled by an admin", recordingOf(job).details().error());
    }

    final Library library =
            new Library(
                    world.ports.catalogue(),
                    world.ports.recordings(),
                    media,
                    world.ports.mediaDeletions(),
                    world.ports.transactions(),
                    world.clock,
                    textIndex,
                    world.ports.jobs(),
                    world.ports.audioFiles());

    @Test
    void deleting_a_take_still_processing_removes_its_job_and_source_and_it_can_come_again() {
        Job job = upload("take.wav", wav(100));
        pull.claim(worker, JobKind.ALL);
        library.delete(member, "band", job.outputName().value());
        assertTrue(world.ports.recordings().byOutputName(band.id(), job.outputName()).isEmpty());
        assertTrue(world.ports.jobs().byId(job.id()).isEmpty(), "its job is gone");
        assertThrows(
                Conflict.class,
                () -> pull.heartbeat(worker, job.id(), "x", 1),
                "its worker learns it holds the job no more");
        assertEquals(
                List.of("band/" + job.outputName().value(), job.inputKey()),
                world.ports.mediaDeletions().pending().stream()
                        .map(d -> d.folder())
                        .sorted()
                        .toList(),
                "its source and its folder are to be removed");

        Uploads.Uploaded again =
                uploads.upload(member, "band", "take.wav", new ByteArrayInputStream(wav(100)));
        assertTrue(again.fresh());
        assertEquals(JobStatus.QUEUED, again.job().status());
        assertEquals(RecordingStatus.PROCESSING, recordingOf(again.job()).details().status());
        assertEquals(
                List.of("band/" + job.outputName().value()),
                world.ports.mediaDeletions().pending().stream().map(d -> d.folder()).toList(),
                "the source is wanted again: its removal is withdrawn");
    }

    @Test
    void deleting_a_separated_take_that_is_separated_again_cancels_that_job() {
        Job job = upload("take.wav", wav(100));
        pull.claim(worker, JobKind.ALL);
        outputs(job);
        pull.complete(worker, job.id(), null, Fixtures.fourStems(), List.of());
        Admin admin = Admin.of(world.principal(world.admin("boss@example.com")));
        queue.retry(admin, job.id());
        library.delete(member, "band", job.outputName().value());
        assertEquals(JobStatus.CANCELLED, world.ports.jobs().byId(job.id()).orElseThrow().status());
        assertEquals(
                List.of("band/" + job.outputName().value()),
                world.ports.mediaDeletions().pending().stream().map(d -> d.folder()).toList(),
                "a separated take keeps its source");
    }

    @Test
    void a_take_is_named_after_its_file_and_hash_and_the_same_take_again_is_the_same_job() {
        Job job = upload("C:\\fakepath\\Tuesday Jam (take 2).wav", wav(100));
        assertTrue(
                job.outputName().value().matches("Tuesday-Jam-take-2_[0-9a-f]{8}"),
                job.outputName().value());
        assertEquals(job.id(), upload("other name.wav", wav(100)).id(), "same bytes, same job");
        assertEquals(1, media.keys().size(), "one stored source, no partial upload left");
    }

    @Test
    void anything_but_audio_or_too_much_of_it_is_refused_and_leaves_nothing() {
        assertThrows(Unsupported.class, () -> upload("notes.txt", wav(100)));
        assertThrows(Unsupported.class, () -> upload("fake.flac", wav(100)));
        assertThrows(TooLarge.class, () -> upload("long.wav", wav(1001)));
        assertThrows(
                NotFound.class,
                () ->
                        uploads.upload(
                                world.principal(world.user("x@example.com")),
                                "band",
                                "t.wav",
                                new ByteArrayInputStream(wav(100))));
        assertEquals(0, media.keys().size());
        assertEquals(List.of(), world.ports.jobs().list(null, null, null, 10));
    }

    @Test
    void a_recording_separated_again_is_processing_then_complete_or_in_error() {
        Job job = upload("take.wav", wav(100));
        Admin admin = Admin.of(world.principal(world.admin("boss@example.com")));
        pull.claim(worker, JobKind.ALL);
        outputs(job);
        pull.complete(worker, job.id(), null, Fixtures.fourStems(), List.of());
        java.util.function.Supplier<RecordingStatus> status =
                () ->
                        world.ports
                                .recordings()
                                .byOutputName(band.id(), job.outputName())
                                .orElseThrow()
                                .details()
                                .status();
        assertEquals(RecordingStatus.COMPLETE, status.get());
        queue.retry(admin, job.id());
        assertEquals(RecordingStatus.PROCESSING, status.get());
        for (int i = 0; i < job.maxAttempts(); i++) {
            pull.claim(worker, JobKind.ALL);
            pull.fail(worker, job.id(), "out of memory");
        }
        assertEquals(RecordingStatus.ERROR, status.get(), "its last attempt failed");
        queue.retry(admin, job.id());
        pull.claim(worker, JobKind.ALL);
        outputs(job);
        assertEquals(
                RecordingStatus.COMPLETE,
                pull.complete(worker, job.id(), null, Fixtures.fourStems(), List.of())
                        .recording()
                        .details()
                        .status());
        assertEquals(RecordingStatus.COMPLETE, status.get());
        queue.retry(admin, job.id());
        queue.cancel(admin, job.id());
        assertEquals(RecordingStatus.COMPLETE, status.get(), "cancelled: its stems stand");
        queue.retry(admin, job.id());
        java.time.Instant t = world.clock.instant();
        for (int i = 0; i < job.maxAttempts(); i++) {
            t = t.plus(Duration.ofMinutes(5));
            world.ports.jobs().claim("a worker that died", JobKind.ALL, t, t.plusSeconds(60));
            world.ports.jobs().expireLeases(t.plusSeconds(120));
        }
        assertEquals(RecordingStatus.ERROR, status.get(), "its last lease ran out");
    }

    @Test
    void a_stopping_worker_hands_its_job_back_uncounted_and_only_its_own() {
        Job job = upload("take.wav", wav(100));
        pull.claim(worker, JobKind.ALL);
        pull.release(worker, job.id());
        assertThrows(
                Conflict.class, () -> pull.release(worker, job.id()), "it holds the job no more");
        Job again = pull.claim(worker, JobKind.ALL).orElseThrow().job();
        assertEquals(job.id(), again.id());
        assertEquals(1, again.attempts(), "the handed-back attempt was not counted");
    }

    @Test
    void
            a_completion_that_fails_half_way_leaves_no_recording_and_can_be_done_again_by_the_holder() {
        Job job = upload("take.wav", wav(100));
        pull.claim(worker, JobKind.ALL);
        outputs(job);
        queue.cancel(Admin.of(world.principal(world.admin("boss@example.com"))), job.id());
        assertThrows(
                Conflict.class,
                () -> pull.complete(worker, job.id(), null, Fixtures.fourStems(), List.of()),
                "the recording was saved, then the job could not be completed");
        assertTrue(
                world.ports
                        .recordings()
                        .byOutputName(band.id(), job.outputName())
                        .orElseThrow()
                        .stems()
                        .isEmpty(),
                "rolled back: the upload's recording still has no stems");

        queue.retry(Admin.of(world.principal(world.admin("boss@example.com"))), job.id());
        pull.claim(worker, JobKind.ALL);
        pull.complete(worker, job.id(), null, Fixtures.fourStems(), List.of());
        assertEquals(
                4,
                world.ports
                        .recordings()
                        .byOutputName(band.id(), job.outputName())
                        .orElseThrow()
                        .stems()
                        .size());
        assertEquals(JobStatus.COMPLETE, tracking.status(member.viewer(), job.id()).status());
    }

    @Test
    void members_do_not_take_jobs_and_a_worker_without_the_job_may_not_touch_it() {
        Job job = upload("take.wav", wav(100));
        assertThrows(Forbidden.class, () -> WorkerCaller.of(member));
        assertThrows(Conflict.class, () -> pull.heartbeat(worker, job.id(), "x", 1));
        pull.claim(worker, JobKind.ALL);
        assertThrows(
                Conflict.class,
                () ->
                        files.output(
                                new WorkerCaller(WorkerTokenId.random()),
                                job.id(),
                                "vocals.opus",
                                new ByteArrayInputStream(new byte[1])));
        assertThrows(NotFound.class, () -> tracking.status(member.viewer(), JobId.random()));
    }
}
