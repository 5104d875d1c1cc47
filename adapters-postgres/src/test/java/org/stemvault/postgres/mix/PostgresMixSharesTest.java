package org.stemvault.postgres.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.MixFormat;
import org.stemvault.domain.mix.MixId;
import org.stemvault.domain.mix.MixShare;
import org.stemvault.domain.mix.MixShares;
import org.stemvault.domain.mix.MixSpec;
import org.stemvault.domain.mix.Mixes;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.postgres.PostgresTestSupport;

/** Links to mixes on the real table: opened only while live, each opening counted. */
@MicronautTest(transactional = false)
class PostgresMixSharesTest extends PostgresTestSupport {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Inject MixShares shares;
    @Inject Mixes mixes;
    @Inject Jobs jobs;
    @Inject Profiles profiles;
    @Inject Recordings recordings;

    Mix mix;

    @BeforeEach
    void world() {
        Profile band = profiles.create(Fixtures.profile("band"));
        Recording take =
                recordings.save(Fixtures.recording(band.id(), "monday", T0, Fixtures.fourStems()));
        MixId id = MixId.random();
        Job job = Job.render(band.id(), band.name(), id, take.outputName(), "m.mp3", 3, T0);
        mix =
                new Mix(
                        id,
                        band.id(),
                        take.id(),
                        null,
                        "a".repeat(64),
                        new MixSpec(
                                List.of(new MixSpec.Part("vocals", "vocals.opus", 1, 0)),
                                null,
                                null,
                                1.0,
                                0,
                                MixFormat.MP3,
                                null),
                        "m.mp3",
                        new MediaKey("band/monday/mixes/" + id + "/mix.mp3"),
                        job.id(),
                        JobStatus.QUEUED,
                        Mix.Rendered.NONE,
                        T0,
                        T0);
        mixes.create(mix);
        jobs.create(job);
    }

    MixShare share(String hashDigit, Instant expires) {
        MixShare s =
                new MixShare(
                        UUID.randomUUID(),
                        mix.id(),
                        hashDigit.repeat(64),
                        null,
                        T0,
                        expires,
                        null,
                        0);
        shares.create(s);
        return s;
    }

    @Test
    void a_live_link_opens_its_mix_and_counts_each_opening() {
        MixShare s = share("1", T0.plusSeconds(60));
        assertEquals(Optional.of(mix.id()), shares.open(s.tokenHash(), T0.plusSeconds(1)));
        assertEquals(Optional.of(mix.id()), shares.open(s.tokenHash(), T0.plusSeconds(2)));
        assertEquals(2, shares.of(mix.id()).get(0).fetches());
        assertTrue(shares.open("2".repeat(64), T0).isEmpty(), "an unknown link");
    }

    @Test
    void an_expired_or_revoked_link_opens_nothing_and_is_not_counted() {
        MixShare expiring = share("1", T0.plusSeconds(60));
        assertTrue(shares.open(expiring.tokenHash(), T0.plusSeconds(60)).isEmpty());
        MixShare revoked = share("2", T0.plusSeconds(600));
        assertTrue(shares.revoke(mix.id(), revoked.id(), T0.plusSeconds(5)));
        assertFalse(shares.revoke(mix.id(), revoked.id(), T0.plusSeconds(6)), "once");
        assertFalse(shares.revoke(MixId.random(), expiring.id(), T0), "another mix's link");
        assertTrue(shares.open(revoked.tokenHash(), T0.plusSeconds(10)).isEmpty());
        assertEquals(0, shares.of(mix.id()).stream().mapToLong(MixShare::fetches).sum());
        assertEquals(
                T0.plusSeconds(5),
                shares.of(mix.id()).stream()
                        .filter(x -> x.id().equals(revoked.id()))
                        .findFirst()
                        .orElseThrow()
                        .revokedAt());
    }

    @Test
    void a_mixs_deletion_takes_its_links() {
        MixShare s = share("1", T0.plusSeconds(60));
        mixes.delete(mix.id(), T0);
        assertTrue(shares.of(mix.id()).isEmpty());
        assertTrue(shares.open(s.tokenHash(), T0).isEmpty());
    }
}
