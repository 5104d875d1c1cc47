package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.clip.Clip;
import org.stemvault.domain.clip.ClipId;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.ConfigKey;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;

public abstract class ClipsContract extends PortsContract {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    Profile band;
    Viewer member;
    Viewer stranger;
    Recording older;
    Recording newer;
    Label intro;

    Recording take(String name, Instant at) {
        return recordings.save(
                Recording.create(
                        band.id(),
                        new OutputName(name),
                        name,
                        null,
                        null,
                        Fixtures.fourStems(),
                        at));
    }

    @BeforeEach
    void world() {
        band = profiles.create(Fixtures.profile("band"));
        User m = users.provision(new Email("member@example.com"), T0);
        memberships.grant(new Membership(m.id(), band.id(), T0));
        member = viewer(m);
        stranger = viewer(users.provision(new Email("stranger@example.com"), T0));
        older = take("monday", T0);
        newer = take("tuesday", T0.plusSeconds(60));
        intro = Label.create(LabelKind.SONG, band.id(), "Intro", T0);
        labels.create(intro);
    }

    Clip clip(Recording r, Label song, double start, double end, Instant at) {
        return Clip.create(
                band.id(), r.id(), song == null ? null : song.id(), start, end, null, at);
    }

    @Test
    void a_recordings_clips_come_by_start_and_a_clip_by_id_only_to_those_who_may_see_it() {
        Clip second = clip(older, null, 30, 60, T0);
        Clip first = clip(older, intro, 0, 20, T0);
        clips.create(List.of(second, first));
        assertEquals(List.of(first, second), clips.ofRecording(older.id()));
        assertEquals(List.of(), clips.ofRecording(newer.id()));
        assertEquals(Optional.of(first), clips.visible(member, first.id()));
        assertTrue(clips.visible(stranger, first.id()).isEmpty());
        assertTrue(clips.ofProfile(stranger, band.name()).isEmpty());
        assertEquals(2, clips.ofProfile(member, band.name()).orElseThrow().size());
    }

    @Test
    void a_clip_or_a_profiles_clips_come_as_takes_with_recording_stems_and_song_name() {
        Clip first = clip(older, intro, 0, 20, T0);
        Clip later = clip(newer, null, 5, 10, T0.plusSeconds(60));
        clips.create(List.of(first, later));
        Clips.Take take = clips.take(member, first.id()).orElseThrow();
        assertEquals(first, take.clip());
        assertEquals(intro.name(), take.songName());
        assertEquals(older.id(), take.recording().recording().id());
        assertEquals(4, take.recording().recording().stems().size());
        assertEquals(band.name(), take.recording().profile());
        assertTrue(clips.take(stranger, first.id()).isEmpty());
        assertTrue(clips.take(member, ClipId.random()).isEmpty());
        List<Clips.Take> all = clips.ofProfile(member, band.name()).orElseThrow();
        assertEquals(List.of(later, first), all.stream().map(Clips.Take::clip).toList());
        assertNull(all.get(0).songName());
        assertEquals(newer.id(), all.get(0).recording().recording().id());
        Profile quiet = profiles.create(Fixtures.profile("quiet"));
        memberships.grant(
                new Membership(
                        users.provision(new Email("member@example.com"), T0).id(), quiet.id(), T0));
        assertEquals(
                Optional.of(List.of()),
                clips.ofProfile(member, quiet.name()),
                "a visible profile without clips");
    }

    @Test
    void a_songs_takes_come_newest_first_each_with_its_recording_and_stems() {
        Clip a = clip(older, intro, 10, 40, T0);
        Clip b = clip(newer, intro, 5, 25, T0);
        Clip c = clip(newer, intro, 100, 130, T0);
        Clip other = clip(newer, null, 50, 60, T0);
        clips.create(List.of(a, b, c, other));
        List<Clips.Take> takes = clips.ofSong(member, intro.id()).orElseThrow();
        assertEquals(List.of(b, c, a), takes.stream().map(Clips.Take::clip).toList());
        assertEquals(newer.id(), takes.get(0).recording().recording().id());
        assertEquals(4, takes.get(0).recording().recording().stems().size());
        assertEquals(band.name(), takes.get(0).recording().profile());
        assertTrue(clips.ofSong(stranger, intro.id()).isEmpty());
        Label empty = Label.create(LabelKind.SONG, band.id(), "Unplayed", T0);
        labels.create(empty);
        assertEquals(Optional.of(List.of()), clips.ofSong(member, empty.id()));
    }

    @Test
    void a_clip_is_changed_or_deleted_and_goes_with_its_recording_and_loses_a_deleted_song() {
        Clip a = clip(older, intro, 10, 40, T0);
        Clip b = clip(newer, intro, 5, 25, T0);
        clips.create(List.of(a, b));
        Clip moved = a.with(12, 44, null, "Verse", T0.plusSeconds(9));
        assertTrue(clips.update(moved));
        assertEquals(Optional.of(moved), clips.visible(member, a.id()));
        assertEquals(1, labels.uses(LabelKind.SONG, intro.id()));
        assertTrue(labels.delete(LabelKind.SONG, intro.id()));
        assertNull(clips.visible(member, b.id()).orElseThrow().song(), "unlinked");
        assertTrue(recordings.delete(band.id(), newer.outputName()));
        assertTrue(clips.visible(member, b.id()).isEmpty(), "gone with its recording");
        assertTrue(clips.delete(a.id()));
        assertFalse(clips.delete(a.id()));
        assertFalse(clips.update(moved));
    }

    @Test
    void a_members_player_settings_are_their_own_replaced_by_key_and_go_with_the_recording() {
        User m = users.provision(new Email("member@example.com"), T0);
        User other = users.provision(new Email("other@example.com"), T0);
        configs.put(m.id(), older.id(), ConfigKey.STEMS, "{\"vocals\": {\"gain\": -3}}", T0);
        configs.put(m.id(), older.id(), ConfigKey.PLAYBACK_POSITION, "12.5", T0);
        configs.put(m.id(), older.id(), ConfigKey.PLAYBACK_POSITION, "20", T0.plusSeconds(1));
        configs.put(other.id(), older.id(), ConfigKey.EQ, "[1, 2]", T0);
        Map<ConfigKey, String> mine = configs.of(m.id(), older.id());
        assertEquals(2, mine.size());
        assertEquals("20", mine.get(ConfigKey.PLAYBACK_POSITION));
        assertEquals("{\"vocals\": {\"gain\": -3}}", mine.get(ConfigKey.STEMS));
        assertEquals(Map.of(), configs.of(m.id(), newer.id()));
        assertTrue(recordings.delete(band.id(), older.outputName()));
        assertEquals(Map.of(), configs.of(m.id(), older.id()));
    }
}
