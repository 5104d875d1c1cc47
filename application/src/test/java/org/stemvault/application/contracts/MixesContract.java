package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.MixFormat;
import org.stemvault.domain.mix.MixId;
import org.stemvault.domain.mix.MixSpec;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;

/** Take-away mixes: kept with their render job, whose status is theirs, and deleted with care. */
public abstract class MixesContract extends PortsContract {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    Profile band;
    User maker;
    Viewer member;
    Viewer stranger;
    Recording take;

    @BeforeEach
    void world() {
        band = profiles.create(Fixtures.profile("band"));
        maker = users.provision(new Email("member@example.com"), T0);
        memberships.grant(new Membership(maker.id(), band.id(), T0));
        member = Fixtures.viewer(sessions, maker.id());
        stranger =
                Fixtures.viewer(
                        sessions, users.provision(new Email("stranger@example.com"), T0).id());
        take =
                recordings.save(
                        Recording.create(
                                band.id(),
                                new OutputName("monday"),
                                "Monday",
                                null,
                                null,
                                Fixtures.fourStems(),
                                T0));
    }

    /** A mix of the take (tempo tells mixes apart), with its render job queued. */
    Mix mix(double tempo, Instant at) {
        MixId id = MixId.random();
        Job job = Job.render(band.id(), band.name(), id, take.outputName(), "Monday.mp3", 3, at);
        Mix mix =
                new Mix(
                        id,
                        band.id(),
                        take.id(),
                        maker.id(),
                        Long.toHexString(Double.doubleToLongBits(tempo)).repeat(4),
                        new MixSpec(
                                List.of(
                                        new MixSpec.Part("vocals", "vocals.opus", 10, -3),
                                        new MixSpec.Part("bass", "bass.opus", 20, 0)),
                                1.5,
                                4.25,
                                tempo,
                                2,
                                MixFormat.MP3,
                                -16.0),
                        "Monday.mp3",
                        new MediaKey("band/monday/mixes/" + id + "/mix.mp3"),
                        job.id(),
                        JobStatus.QUEUED,
                        Mix.Rendered.NONE,
                        at,
                        at);
        transactions.inTransaction(
                () -> {
                    mixes.create(mix);
                    jobs.create(job);
                    return null;
                });
        return mix;
    }

    @Test
    void a_mix_is_read_back_whole_with_its_jobs_status_by_id_and_by_content_key() {
        Mix made = mix(0.8, T0);
        Mix read = mixes.byId(made.id()).orElseThrow();
        assertEquals(made, read);
        assertEquals(made, mixes.byContentKey(made.contentKey()).orElseThrow());
        assertTrue(mixes.byContentKey("0".repeat(64)).isEmpty());
        assertFalse(read.ready());
    }

    @Test
    void a_render_is_claimed_only_by_a_worker_that_takes_renders_and_its_mix_follows_the_job() {
        Mix made = mix(0.8, T0);
        assertTrue(
                jobs.claim("w", Set.of(JobKind.SEPARATE), T0, T0.plusSeconds(60)).isEmpty(),
                "a separations-only worker is not given a render");
        Job claimed = jobs.claim("w", Set.of(JobKind.RENDER), T0, T0.plusSeconds(60)).orElseThrow();
        assertEquals(JobKind.RENDER, claimed.kind());
        assertEquals(made.id(), claimed.mix());
        assertEquals(JobStatus.PROCESSING, mixes.byId(made.id()).orElseThrow().status());
        assertTrue(jobs.complete(claimed.id(), "w", List.of(), T0.plusSeconds(5)));
        assertTrue(mixes.rendered(made.id(), new Mix.Rendered(4.4, 1234L, -16.1)));
        Mix ready = mixes.byId(made.id()).orElseThrow();
        assertTrue(ready.ready());
        assertEquals(new Mix.Rendered(4.4, 1234L, -16.1), ready.rendered());
    }

    @Test
    void a_render_whose_lease_runs_out_for_good_leaves_its_recording_as_it_was() {
        Mix made = mix(0.8, T0);
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant at = T0.plusSeconds(100L * attempt);
            jobs.claim("w", JobKind.ALL, at, at.plusSeconds(10));
            jobs.expireLeases(at.plusSeconds(11));
        }
        assertEquals(JobStatus.ERROR, mixes.byId(made.id()).orElseThrow().status());
        assertEquals(
                take.details().status(),
                recordings.byId(take.id()).orElseThrow().details().status());
    }

    @Test
    void only_a_viewer_of_the_profile_sees_a_mix() {
        Mix made = mix(0.8, T0);
        assertEquals(made.id(), mixes.visible(member, made.id()).orElseThrow().id());
        assertTrue(mixes.visible(stranger, made.id()).isEmpty());
        assertTrue(mixes.visible(member, MixId.random()).isEmpty());
    }

    @Test
    void deleting_a_mix_takes_its_job_and_queues_its_folder() {
        Mix made = mix(0.8, T0);
        assertTrue(mixes.delete(made.id(), T0.plusSeconds(1)));
        assertTrue(mixes.byId(made.id()).isEmpty());
        assertTrue(jobs.byId(made.job()).isEmpty(), "its job goes with it");
        assertFalse(mixes.delete(made.id(), T0.plusSeconds(2)));
        assertEquals(
                List.of("band/monday/mixes/" + made.id()),
                deletions.claim(T0.plusSeconds(3), T0.plusSeconds(60), 10).stream()
                        .map(d -> d.folder())
                        .toList());
    }

    @Test
    void mixes_nobody_fetched_since_the_limit_expire_and_a_fetch_keeps_one() {
        Mix old = mix(0.8, T0);
        Mix fetched = mix(0.9, T0);
        Mix recent = mix(1.1, T0.plusSeconds(500));
        mixes.fetched(fetched.id(), T0.plusSeconds(400));
        assertEquals(1, mixes.expire(T0.plusSeconds(300), T0.plusSeconds(600)));
        assertTrue(mixes.byId(old.id()).isEmpty());
        assertTrue(mixes.byId(fetched.id()).isPresent());
        assertTrue(mixes.byId(recent.id()).isPresent());
    }

    @Test
    void a_mix_being_rendered_does_not_expire() {
        Mix rendering = mix(0.8, T0);
        jobs.claim("w", JobKind.ALL, T0, T0.plusSeconds(6000));
        assertEquals(0, mixes.expire(T0.plusSeconds(300), T0.plusSeconds(600)));
        assertTrue(mixes.byId(rendering.id()).isPresent());
    }

    @Test
    void a_recordings_deletion_takes_its_mixes_and_their_jobs() {
        Mix made = mix(0.8, T0);
        assertTrue(recordings.delete(band.id(), take.outputName()));
        assertTrue(mixes.byId(made.id()).isEmpty());
        assertTrue(jobs.byId(made.job()).isEmpty());
    }
}
