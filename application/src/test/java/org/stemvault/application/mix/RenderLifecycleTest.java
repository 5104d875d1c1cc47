package org.stemvault.application.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Principal;
import org.stemvault.application.WorkerCaller;
import org.stemvault.application.fakes.InMemoryMediaStore;
import org.stemvault.application.fakes.MovableClock;
import org.stemvault.application.fakes.World;
import org.stemvault.application.job.LeaseExpiry;
import org.stemvault.application.job.ProcessingSettings;
import org.stemvault.application.job.PullWorker;
import org.stemvault.application.job.WorkerFiles;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.application.search.TextIndex;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.user.User;
import org.stemvault.domain.worker.WorkerTokenId;

/**
 * A render through the pull protocol: claimed only by a worker that takes renders, its one file
 * written where its mix says, completed with what it measured; a worker that dies mid-render leaves
 * a half file that is never served, and the job is tried again.
 */
class RenderLifecycleTest {

    final World world = new World();
    final InMemoryMediaStore media = new InMemoryMediaStore();
    final MovableClock clock = new MovableClock(world.now());
    final ProcessingSettings settings =
            new ProcessingSettings(Duration.ofMinutes(1), Duration.ZERO, "opus", "192k");
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
                    new RegisterRecording(
                            world.ports.recordings(),
                            world.ports.clips(),
                            new TextIndex(
                                    List.of(),
                                    world.ports.embeddingJobs(),
                                    world.ports.recordings(),
                                    world.ports.embeddings(),
                                    () -> null,
                                    clock),
                            clock),
                    world.ports.transactions(),
                    clock,
                    settings);
    final MixRequests mixes =
            new MixRequests(
                    world.ports.catalogue(),
                    world.ports.clips(),
                    (user, recording) -> Map.of(),
                    world.ports.mixes(),
                    world.ports.jobs(),
                    media,
                    world.ports.transactions(),
                    clock,
                    3);
    final LeaseExpiry leases = new LeaseExpiry(world.ports.jobs(), clock);
    final Profile band = world.profile("band");
    final User memberUser = world.user("member@example.com");
    final Principal member = world.principal(memberUser);
    final Recording take = world.take(band, "monday", 0);
    final WorkerCaller worker = new WorkerCaller(WorkerTokenId.random());

    {
        world.grant(memberUser, band);
    }

    Mix asked() {
        return mixes.request(
                        member,
                        take.id().toString(),
                        new MixRequests.Request(null, null, null, null, 0.8, null, "wav", null))
                .mix();
    }

    void write(Mix mix, int bytes) {
        String file = mix.mediaKey().value().substring(mix.mediaKey().value().lastIndexOf('/') + 1);
        files.output(worker, mix.job(), file, new ByteArrayInputStream(new byte[bytes]));
    }

    @Test
    void a_render_is_claimed_written_and_completed_then_served() throws Exception {
        Mix mix = asked();
        assertTrue(pull.claim(worker, Set.of(JobKind.SEPARATE)).isEmpty(), "not a separation");
        PullWorker.Claim claim = pull.claim(worker, Set.of(JobKind.RENDER)).orElseThrow();
        assertEquals(mix.id(), claim.mix().orElseThrow().id());
        assertEquals(
                "the job is a render: complete it with its mix",
                assertThrows(
                                Invalid.class,
                                () -> pull.complete(worker, mix.job(), null, List.of(), List.of()))
                        .reason());
        assertEquals(
                "file",
                assertThrows(
                                Invalid.class,
                                () -> pull.completeRender(worker, mix.job(), 4.0, -20.0))
                        .field(),
                "its file must be written first");
        assertThrows(
                Invalid.class,
                () ->
                        files.output(
                                worker,
                                mix.job(),
                                "vocals.opus",
                                new ByteArrayInputStream(new byte[1])),
                "a render writes its one file only");
        media.write(
                MediaKey.output(band.name(), take.outputName(), new MediaFileName("vocals.opus")),
                new ByteArrayInputStream(new byte[] {9, 9}));
        assertEquals(2, files.stem(worker, mix.job(), "vocals.opus").size(), "a stem it mixes");
        assertThrows(NotFound.class, () -> files.stem(worker, mix.job(), "kazoo.opus"));
        write(mix, 42);
        Mix done = pull.completeRender(worker, mix.job(), 4.0, -20.0);
        assertTrue(done.ready());
        assertEquals(42L, done.rendered().sizeBytes(), "the size is the store's");
        assertEquals(done, pull.completeRender(worker, mix.job(), 4.0, -20.0), "a replay");
        assertEquals(42, mixes.file(member, mix.id().toString()).file().size());
        assertEquals(
                RecordingStatus.COMPLETE,
                world.ports.recordings().byId(take.id()).orElseThrow().details().status());
    }

    @Test
    void a_worker_that_dies_mid_render_leaves_nothing_served_and_the_job_is_tried_again() {
        Mix mix = asked();
        pull.claim(worker, JobKind.ALL).orElseThrow();
        write(mix, 7); // half a file, then the worker dies
        assertThrows(Conflict.class, () -> mixes.file(member, mix.id().toString()));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, leases.expireLeases());
        assertEquals(JobStatus.QUEUED, mixes.get(member, mix.id().toString()).status());
        assertThrows(Conflict.class, () -> mixes.file(member, mix.id().toString()));
        WorkerCaller second = new WorkerCaller(WorkerTokenId.random());
        assertEquals(
                mix.id(), pull.claim(second, JobKind.ALL).orElseThrow().mix().orElseThrow().id());
        assertThrows(
                Conflict.class,
                () -> pull.completeRender(worker, mix.job(), 4.0, null),
                "the dead worker's");
        files.output(second, mix.job(), "mix.wav", new ByteArrayInputStream(new byte[100]));
        pull.completeRender(second, mix.job(), 4.0, null);
        assertEquals(100, mixes.file(member, mix.id().toString()).file().size(), "whole");
    }
}
