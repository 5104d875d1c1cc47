package org.stemvault.application.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Principal;
import org.stemvault.application.fakes.InMemoryMediaStore;
import org.stemvault.application.fakes.World;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.clip.Clip;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.MixFormat;
import org.stemvault.domain.mix.MixSpec;
import org.stemvault.domain.mix.SavedLevels;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.user.User;

/** The rules of asking for a take-away mix, on the in-memory ports. */
class MixRequestsTest {

    final World world = new World();
    final InMemoryMediaStore media = new InMemoryMediaStore();
    final Map<String, SavedLevels.Level> saved = new HashMap<>();
    final MixRequests mixes =
            new MixRequests(
                    world.ports.catalogue(),
                    world.ports.clips(),
                    (user, recording) -> user.equals(maker().id()) ? Map.copyOf(saved) : Map.of(),
                    world.ports.mixes(),
                    world.ports.jobs(),
                    media,
                    world.ports.transactions(),
                    world.clock,
                    3);
    final Profile band = world.profile("band");
    final User memberUser = world.user("member@example.com");
    final User otherUser = world.user("other@example.com");
    final Principal member = world.principal(memberUser);
    final Principal other = world.principal(otherUser);
    final Principal stranger = world.principal(world.user("stranger@example.com"));
    final Principal admin = world.principal(world.admin("admin@example.com"));
    final Recording take = world.take(band, "monday", 0);

    {
        world.grant(memberUser, band);
        world.grant(otherUser, band);
    }

    User maker() {
        return memberUser;
    }

    static MixRequests.Request request(Map<String, MixRequests.Level> stems) {
        return new MixRequests.Request(stems, null, null, null, null, null, null, null);
    }

    static Map<String, Double> gains(Mix mix) {
        Map<String, Double> gains = new HashMap<>();
        mix.spec().stems().forEach(p -> gains.put(p.stem(), p.gainDb()));
        return gains;
    }

    @Test
    void by_default_every_stem_is_heard_at_its_stored_gain_as_an_mp3_of_the_whole_take() {
        MixRequests.Asked asked = mixes.request(member, take.id().toString(), request(null));
        assertTrue(asked.queued());
        Mix mix = asked.mix();
        assertEquals(Map.of("vocals", 4.2, "drums", 4.2, "bass", 4.2, "other", 4.2), gains(mix));
        assertEquals("mp3", mix.spec().format().code());
        assertEquals(null, mix.spec().start());
        assertEquals(1.0, mix.spec().tempo());
        assertEquals(JobStatus.QUEUED, mix.status());
        assertEquals(JobKind.RENDER, world.ports.jobs().byId(mix.job()).orElseThrow().kind());
        assertEquals("Take monday.mp3", mix.fileName());
    }

    @Test
    void the_members_saved_levels_are_the_default_and_a_soloed_stem_silences_the_others() {
        saved.put("vocals", new SavedLevels.Level(0.5, false, false));
        saved.put("drums", new SavedLevels.Level(null, true, false));
        Mix mix = mixes.request(member, take.id().toString(), request(null)).mix();
        assertEquals(20 * Math.log10(0.5), gains(mix).get("vocals"), 1e-9);
        assertFalse(gains(mix).containsKey("drums"), "muted in the player");
        assertEquals(4.2, gains(mix).get("bass"));
        saved.put("bass", new SavedLevels.Level(null, false, true));
        Mix solo = mixes.request(member, take.id().toString(), request(null)).mix();
        assertEquals(List.of("bass"), List.copyOf(gains(solo).keySet()));
        Mix theirs = mixes.request(other, take.id().toString(), request(null)).mix();
        assertEquals(4, theirs.spec().stems().size(), "another member's levels are their own");
    }

    @Test
    void named_levels_override_the_defaults_and_a_muted_stem_is_not_in_the_mix() {
        Mix mix =
                mixes.request(
                                member,
                                take.id().toString(),
                                request(
                                        Map.of(
                                                "drums",
                                                new MixRequests.Level(null, true),
                                                "vocals",
                                                new MixRequests.Level(-6.0, null))))
                        .mix();
        assertEquals(Map.of("vocals", -6.0, "bass", 4.2, "other", 4.2), gains(mix));
    }

    @Test
    void the_same_inputs_are_the_same_mix_rendered_once_and_other_inputs_another() {
        Mix first = mixes.request(member, take.id().toString(), request(null)).mix();
        MixRequests.Asked again = mixes.request(other, take.id().toString(), request(null));
        assertFalse(again.queued(), "asked before: not queued again");
        assertEquals(first.id(), again.mix().id());
        Mix slower =
                mixes.request(
                                member,
                                take.id().toString(),
                                new MixRequests.Request(
                                        null, null, null, null, 0.8, null, null, null))
                        .mix();
        assertNotEquals(first.contentKey(), slower.contentKey());
    }

    @Test
    void a_cancelled_mix_asked_for_again_is_queued_again() {
        Mix first = mixes.request(member, take.id().toString(), request(null)).mix();
        world.ports.jobs().cancel(first.job(), world.now());
        MixRequests.Asked again = mixes.request(member, take.id().toString(), request(null));
        assertTrue(again.queued());
        assertEquals(first.id(), again.mix().id());
        assertEquals(JobStatus.QUEUED, again.mix().status());
    }

    @Test
    void a_clip_gives_the_section_and_the_file_name_says_it() {
        Clip clip = Clip.create(band.id(), take.id(), null, 65, 100, "Chorus", world.now());
        world.ports.clips().create(List.of(clip));
        Mix mix =
                mixes.request(
                                member,
                                take.id().toString(),
                                new MixRequests.Request(
                                        null,
                                        clip.id().toString(),
                                        null,
                                        null,
                                        0.8,
                                        2,
                                        "flac",
                                        -16.0))
                        .mix();
        assertEquals(65.0, mix.spec().start());
        assertEquals(100.0, mix.spec().end());
        assertEquals("Take monday - 1m05s-1m40s - 80% - +2st.flac", mix.fileName());
    }

    @Test
    void bad_parameters_are_refused_naming_the_field_and_store_nothing() {
        List<Map.Entry<String, MixRequests.Request>> bad = new ArrayList<>();
        bad.add(
                Map.entry(
                        "stems.kazoo", request(Map.of("kazoo", new MixRequests.Level(0.0, null)))));
        bad.add(
                Map.entry(
                        "stems",
                        request(
                                Map.of(
                                        "vocals", new MixRequests.Level(null, true),
                                        "drums", new MixRequests.Level(null, true),
                                        "bass", new MixRequests.Level(null, true),
                                        "other", new MixRequests.Level(null, true)))));
        bad.add(
                Map.entry(
                        "stems.vocals.gain_db",
                        request(Map.of("vocals", new MixRequests.Level(99.0, null)))));
        bad.add(
                Map.entry(
                        "tempo",
                        new MixRequests.Request(null, null, null, null, 2.0, null, null, null)));
        bad.add(
                Map.entry(
                        "semitones",
                        new MixRequests.Request(null, null, null, null, null, 13, null, null)));
        bad.add(
                Map.entry(
                        "format",
                        new MixRequests.Request(null, null, null, null, null, null, "ogg", null)));
        bad.add(
                Map.entry(
                        "loudness",
                        new MixRequests.Request(null, null, null, null, null, null, null, 0.0)));
        bad.add(
                Map.entry(
                        "end",
                        new MixRequests.Request(null, null, 10.0, null, null, null, null, null)));
        bad.add(
                Map.entry(
                        "end",
                        new MixRequests.Request(null, null, 10.0, 999.0, null, null, null, null)));
        bad.add(
                Map.entry(
                        "clip_id",
                        new MixRequests.Request(null, "nope", null, null, null, null, null, null)));
        bad.forEach(
                entry -> {
                    String field = entry.getKey();
                    MixRequests.Request request = entry.getValue();
                    Invalid e =
                            assertThrows(
                                    Invalid.class,
                                    () -> mixes.request(member, take.id().toString(), request),
                                    field);
                    assertEquals(field, e.field());
                });
        assertTrue(world.ports.jobs().list(null, null, null, 10).isEmpty(), "no job was queued");
    }

    @Test
    void a_recording_the_caller_cannot_see_is_missing_and_so_is_its_mix() {
        Mix mix = mixes.request(member, take.id().toString(), request(null)).mix();
        assertThrows(
                NotFound.class, () -> mixes.request(stranger, take.id().toString(), request(null)));
        assertThrows(NotFound.class, () -> mixes.get(stranger, mix.id().toString()));
        assertThrows(NotFound.class, () -> mixes.get(member, "not-an-id"));
        assertThrows(NotFound.class, () -> mixes.delete(stranger, mix.id().toString()));
    }

    @Test
    void a_mix_is_deleted_by_its_maker_or_an_admin_only() {
        Mix mix = mixes.request(member, take.id().toString(), request(null)).mix();
        assertThrows(Forbidden.class, () -> mixes.delete(other, mix.id().toString()));
        mixes.delete(member, mix.id().toString());
        assertThrows(NotFound.class, () -> mixes.get(member, mix.id().toString()));
        Mix again = mixes.request(other, take.id().toString(), request(null)).mix();
        mixes.delete(admin, again.id().toString());
        assertThrows(NotFound.class, () -> mixes.get(admin, again.id().toString()));
    }

    @Test
    void a_mix_not_rendered_yet_has_no_file_to_serve() {
        Mix mix = mixes.request(member, take.id().toString(), request(null)).mix();
        assertThrows(Conflict.class, () -> mixes.file(member, mix.id().toString()));
    }

    @Test
    void the_content_key_covers_every_parameter_of_the_spec() {
        MixSpec base =
                new MixSpec(
                        List.of(new MixSpec.Part("vocals", "vocals.opus", 10, 0)),
                        null,
                        null,
                        1.0,
                        0,
                        MixFormat.MP3,
                        null);
        String key = MixRequests.contentKey(take.id(), base);
        List<MixSpec> others =
                List.of(
                        new MixSpec(
                                List.of(new MixSpec.Part("vocals", "vocals.opus", 11, 0)),
                                null,
                                null,
                                1.0,
                                0,
                                base.format(),
                                null),
                        new MixSpec(
                                List.of(new MixSpec.Part("vocals", "vocals.opus", 10, 0.5)),
                                null,
                                null,
                                1.0,
                                0,
                                base.format(),
                                null),
                        new MixSpec(base.stems(), 0.0, 1.0, 1.0, 0, base.format(), null),
                        new MixSpec(base.stems(), null, null, 0.9, 0, base.format(), null),
                        new MixSpec(base.stems(), null, null, 1.0, 1, base.format(), null),
                        new MixSpec(base.stems(), null, null, 1.0, 0, MixFormat.WAV, null),
                        new MixSpec(base.stems(), null, null, 1.0, 0, base.format(), -16.0));
        for (MixSpec other : others) {
            assertNotEquals(key, MixRequests.contentKey(take.id(), other), other.canonical());
        }
        assertEquals(key, MixRequests.contentKey(take.id(), base));
    }

    @Test
    void a_bundle_is_its_own_content_a_zip_with_no_loudness_target() {
        MixRequests.Request plain = request(null);
        Mix mix = mixes.request(member, take.id().toString(), plain).mix();
        MixRequests.Asked bundle = mixes.bundle(member, take.id().toString(), plain);
        assertTrue(bundle.queued());
        assertNotEquals(mix.contentKey(), bundle.mix().contentKey());
        assertTrue(bundle.mix().spec().bundle());
        assertEquals("application/zip", bundle.mix().spec().contentType());
        assertEquals("Take monday - stems.zip", bundle.mix().fileName());
        assertTrue(bundle.mix().mediaKey().value().endsWith("/stems.zip"));
        assertEquals(
                "loudness",
                assertThrows(
                                Invalid.class,
                                () ->
                                        mixes.bundle(
                                                member,
                                                take.id().toString(),
                                                new MixRequests.Request(
                                                        null, null, null, null, null, null, null,
                                                        -16.0)))
                        .field());
    }
}
