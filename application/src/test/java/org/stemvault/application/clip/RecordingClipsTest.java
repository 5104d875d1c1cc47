package org.stemvault.application.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Principal;
import org.stemvault.application.fakes.World;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.clip.Clip;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;

/** The rules of clips, on the in-memory ports. */
class RecordingClipsTest {

    final World world = new World();
    final RecordingClips clips =
            new RecordingClips(
                    world.ports.catalogue(),
                    world.ports.clips(),
                    world.ports.labels(),
                    world.ports.transactions(),
                    world.clock);
    final Profile band = world.profile("band");
    final Profile attic = world.profile("attic");
    final Principal member = world.principal(world.user("member@example.com"));
    final Principal stranger = world.principal(world.user("stranger@example.com"));
    final Recording take;
    final String id;

    {
        world.grant(world.user("member@example.com"), band);
        take = world.take(band, "take-1", 0);
        id = take.id().toString();
    }

    static RecordingClips.Draft draft(Double start, Double end, String song, String name) {
        return new RecordingClips.Draft(
                true, start, true, end, song != null, song, name != null, name);
    }

    static RecordingClips.Draft only(String field, Object value) {
        return new RecordingClips.Draft(
                field.equals("start"),
                field.equals("start") ? (Double) value : null,
                field.equals("end"),
                field.equals("end") ? (Double) value : null,
                field.equals("song"),
                field.equals("song") ? (String) value : null,
                field.equals("name"),
                field.equals("name") ? (String) value : null);
    }

    String field(Runnable r) {
        return assertThrows(Invalid.class, r::run).field();
    }

    @Test
    void a_clip_lies_within_its_recording() {
        double duration = take.durationSeconds();
        Clip whole = clips.create(member, id, draft(0.0, duration, null, null));
        assertEquals(duration, whole.end());
        assertEquals(
                "end_time_sec",
                field(() -> clips.create(member, id, draft(1.0, duration + 0.01, null, null))));
        assertEquals(
                "end_time_sec", field(() -> clips.create(member, id, draft(5.0, 5.0, null, null))));
        assertEquals(
                "start_time_sec",
                field(() -> clips.create(member, id, draft(-0.5, 5.0, null, null))));
        assertEquals(
                "start_time_sec",
                field(() -> clips.create(member, id, draft(null, 5.0, null, null))));
        assertEquals(
                "start_time_sec",
                field(() -> clips.create(member, id, draft(Double.NaN, 5.0, null, null))));
        assertEquals(List.of(whole), clips.ofRecording(member, id));
    }

    @Test
    void a_change_keeps_what_is_absent_clears_what_is_null_and_is_bounded_again() {
        Label intro = label(band, "Intro");
        Clip clip = clips.create(member, id, draft(10.0, 20.0, intro.id().toString(), "Verse"));
        Clip moved = clips.update(member, clip.id().toString(), only("end", 30.0));
        assertEquals(10.0, moved.start());
        assertEquals(30.0, moved.end());
        assertEquals(intro.id(), moved.song());
        assertEquals("Verse", moved.displayName());
        Clip cleared = clips.update(member, clip.id().toString(), only("song", null));
        assertNull(cleared.song());
        assertNull(clips.update(member, clip.id().toString(), only("name", null)).displayName());
        assertEquals(
                "end_time_sec",
                field(() -> clips.update(member, clip.id().toString(), only("start", 31.0))));
        assertEquals(
                "start_time_sec",
                field(() -> clips.update(member, clip.id().toString(), only("start", null))));
        assertEquals(
                10.0,
                clips.get(member, clip.id().toString()).clip().start(),
                "a refused change changed nothing");
    }

    @Test
    void a_song_must_be_of_the_recordings_profile_and_others_clips_are_not_found() {
        Label theirs = label(attic, "Theirs");
        assertEquals(
                "song_id",
                field(
                        () ->
                                clips.create(
                                        member,
                                        id,
                                        draft(0.0, 1.0, theirs.id().toString(), null))));
        assertEquals(
                "song_id", field(() -> clips.create(member, id, draft(0.0, 1.0, "nope", null))));
        Clip clip = clips.create(member, id, draft(0.0, 1.0, null, null));
        String missing =
                assertThrows(
                                NotFound.class,
                                () -> clips.get(member, "00000000-0000-4000-8000-000000000000"))
                        .getMessage();
        assertEquals(
                missing,
                assertThrows(NotFound.class, () -> clips.get(stranger, clip.id().toString()))
                        .getMessage());
        assertThrows(NotFound.class, () -> clips.create(stranger, id, draft(0.0, 1.0, null, null)));
        assertThrows(
                NotFound.class, () -> clips.ofSong(stranger, label(band, "Ours").id().toString()));
    }

    Label label(Profile profile, String name) {
        Label l = Label.create(LabelKind.SONG, profile.id(), name, world.clock.instant());
        world.ports.labels().create(l);
        return l;
    }
}
