package org.stemvault.application.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Principal;
import org.stemvault.application.fakes.InMemoryMediaStore;
import org.stemvault.application.fakes.MovableClock;
import org.stemvault.application.fakes.World;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.MixId;
import org.stemvault.domain.mix.MixShare;
import org.stemvault.domain.mix.MixShares;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.user.User;

/** The rules of sharing a mix outside the band, on the in-memory ports and a clock we move. */
class MixSharingTest {

    /** The links port as a map: the SQL's rules are in PostgresMixSharesTest. */
    static final class Links implements MixShares {
        final Map<UUID, MixShare> byId = new LinkedHashMap<>();

        @Override
        public void create(MixShare share) {
            byId.put(share.id(), share);
        }

        @Override
        public Optional<MixId> open(String tokenHash, Instant now) {
            return byId.values().stream()
                    .filter(s -> s.tokenHash().equals(tokenHash) && s.live(now))
                    .findFirst()
                    .map(
                            s -> {
                                byId.put(
                                        s.id(),
                                        new MixShare(
                                                s.id(),
                                                s.mix(),
                                                s.tokenHash(),
                                                s.createdBy(),
                                                s.createdAt(),
                                                s.expiresAt(),
                                                s.revokedAt(),
                                                s.fetches() + 1));
                                return s.mix();
                            });
        }

        @Override
        public List<MixShare> of(MixId mix) {
            List<MixShare> all = new ArrayList<>(byId.values());
            all.removeIf(s -> !s.mix().equals(mix));
            all.sort(Comparator.comparing(MixShare::createdAt).reversed());
            return all;
        }

        @Override
        public boolean revoke(MixId mix, UUID share, Instant now) {
            MixShare s = byId.get(share);
            if (s == null || !s.mix().equals(mix) || s.revokedAt() != null) {
                return false;
            }
            byId.put(
                    share,
                    new MixShare(
                            s.id(),
                            s.mix(),
                            s.tokenHash(),
                            s.createdBy(),
                            s.createdAt(),
                            s.expiresAt(),
                            now,
                            s.fetches()));
            return true;
        }
    }

    final World world = new World();
    final InMemoryMediaStore media = new InMemoryMediaStore();
    final MovableClock clock = new MovableClock(world.now());
    final MixRequests requests =
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
    final Links links = new Links();
    final MixSharing sharing =
            new MixSharing(requests, world.ports.mixes(), links, media, clock, true);
    final Profile band = world.profile("band");
    final User makerUser = world.user("member@example.com");
    final User otherUser = world.user("other@example.com");
    final Principal maker = world.principal(makerUser);
    final Principal other = world.principal(otherUser);
    final Principal admin = world.principal(world.admin("admin@example.com"));
    final Recording take = world.take(band, "monday", 0);

    {
        world.grant(makerUser, band);
        world.grant(otherUser, band);
    }

    /** A mix of the take, rendered (its job completed, its file in the store). */
    Mix rendered() throws Exception {
        Mix mix =
                requests.request(
                                maker,
                                take.id().toString(),
                                new MixRequests.Request(
                                        null, null, null, null, null, null, null, null))
                        .mix();
        world.ports
                .jobs()
                .claim("w", JobKind.ALL, clock.instant(), clock.instant().plusSeconds(60));
        world.ports.jobs().complete(mix.job(), "w", List.of(), clock.instant());
        media.write(mix.mediaKey(), new ByteArrayInputStream(new byte[] {1, 2, 3}));
        world.ports.mixes().rendered(mix.id(), new Mix.Rendered(1.0, 3L, null));
        return mix;
    }

    @Test
    void a_link_opens_its_one_file_until_it_expires() throws Exception {
        Mix mix = rendered();
        MixSharing.Made made = sharing.share(maker, mix.id().toString(), 2);
        assertEquals(43, made.token().length());
        assertNotEquals(made.token(), made.share().tokenHash(), "only the hash is kept");
        assertEquals(mix.id(), sharing.open(made.token()).mix().id());
        assertEquals(1, sharing.list(maker, mix.id().toString()).get(0).fetches());
        clock.advance(Duration.ofDays(2));
        assertThrows(NotFound.class, () -> sharing.open(made.token()), "expired");
    }

    @Test
    void a_revoked_link_opens_nothing_and_an_admin_may_revoke_it() throws Exception {
        Mix mix = rendered();
        MixSharing.Made made = sharing.share(maker, mix.id().toString(), null);
        assertEquals(
                Duration.ofDays(MixSharing.DEFAULT_DAYS),
                Duration.between(made.share().createdAt(), made.share().expiresAt()));
        sharing.revoke(admin, mix.id().toString(), made.share().id().toString());
        assertThrows(NotFound.class, () -> sharing.open(made.token()));
        assertThrows(
                NotFound.class,
                () -> sharing.revoke(maker, mix.id().toString(), made.share().id().toString()),
                "revoked once");
    }

    @Test
    void only_its_maker_or_an_admin_shares_a_rendered_mix_for_one_to_thirty_days()
            throws Exception {
        Mix mix = rendered();
        assertThrows(Forbidden.class, () -> sharing.share(other, mix.id().toString(), 1));
        assertThrows(Forbidden.class, () -> sharing.list(other, mix.id().toString()));
        assertEquals(
                "days",
                assertThrows(Invalid.class, () -> sharing.share(maker, mix.id().toString(), 31))
                        .field());
        assertEquals(
                "days",
                assertThrows(Invalid.class, () -> sharing.share(maker, mix.id().toString(), 0))
                        .field());
        sharing.share(admin, mix.id().toString(), 30);
        Mix queued =
                requests.request(
                                maker,
                                take.id().toString(),
                                new MixRequests.Request(
                                        null, null, null, null, 0.9, null, null, null))
                        .mix();
        assertThrows(Conflict.class, () -> sharing.share(maker, queued.id().toString(), 1));
    }

    @Test
    void a_malformed_or_unknown_token_is_missing() {
        assertThrows(NotFound.class, () -> sharing.open("short"));
        assertThrows(NotFound.class, () -> sharing.open("x".repeat(43)));
        assertThrows(NotFound.class, () -> sharing.open(null));
    }

    @Test
    void with_sharing_off_every_step_is_missing() throws Exception {
        MixSharing off = new MixSharing(requests, world.ports.mixes(), links, media, clock, false);
        Mix mix = rendered();
        MixSharing.Made made = sharing.share(maker, mix.id().toString(), 1);
        assertThrows(NotFound.class, () -> off.share(maker, mix.id().toString(), 1));
        assertThrows(NotFound.class, () -> off.list(maker, mix.id().toString()));
        assertThrows(NotFound.class, () -> off.open(made.token()));
        assertTrue(links.byId.size() == 1);
    }
}
