package org.stemvault.application.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.application.fakes.Ports;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.label.Labels;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Membership;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingDetails;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.User;

public abstract class LabelsContract extends PortsContract {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    Profile band;
    Profile other;
    Viewer member;
    Viewer stranger;

    @BeforeEach
    void world() {
        band = profiles.create(Fixtures.profile("band"));
        other = profiles.create(Fixtures.profile("other"));
        User m = users.provision(new Email("member@example.com"), T0);
        memberships.grant(new Membership(m.id(), band.id(), T0));
        member = viewer(m);
        stranger = viewer(users.provision(new Email("stranger@example.com"), T0));
    }

    @Test
    void a_profiles_labels_are_listed_by_name_whatever_the_case_to_those_who_may_see_it() {
        Label zebra = Label.create(LabelKind.SONG, band.id(), "zebra", T0);
        Label alpha = Label.create(LabelKind.SONG, band.id(), "Alpha", T0);
        Label attic = Label.create(LabelKind.LOCATION, band.id(), "The Attic", T0);
        Label elsewhere = Label.create(LabelKind.SONG, other.id(), "Alpha", T0);
        for (Label l : List.of(zebra, alpha, attic, elsewhere)) {
            labels.create(l);
        }
        assertEquals(
                Optional.of(List.of(new Labels.Listed(alpha, 0), new Labels.Listed(zebra, 0))),
                labels.list(member, band.name(), LabelKind.SONG));
        assertEquals(
                Optional.of(List.of(new Labels.Listed(attic, 0))),
                labels.list(member, band.name(), LabelKind.LOCATION));
        assertEquals(Optional.empty(), labels.list(stranger, band.name(), LabelKind.SONG));
        assertEquals(
                Optional.empty(), labels.list(member, new ProfileName("nope"), LabelKind.SONG));
        assertEquals(
                Optional.of(List.of()),
                labels.list(
                        viewer(users.provision(new Email(Ports.CONFIGURED_ADMIN), T0)),
                        other.name(),
                        LabelKind.LOCATION));
    }

    @Test
    void a_label_by_id_is_seen_only_through_its_profile_and_its_kind() {
        Label song = Label.create(LabelKind.SONG, band.id(), "Intro", T0);
        labels.create(song);
        assertEquals(Optional.of(song), labels.visible(member, LabelKind.SONG, song.id()));
        assertTrue(labels.visible(stranger, LabelKind.SONG, song.id()).isEmpty());
        assertTrue(labels.visible(member, LabelKind.LOCATION, song.id()).isEmpty());
    }

    @Test
    void a_name_taken_in_the_profile_whatever_its_case_is_a_conflict_and_changes_nothing() {
        Label intro = Label.create(LabelKind.SONG, band.id(), "Intro", T0);
        Label outro = Label.create(LabelKind.SONG, band.id(), "Outro", T0);
        labels.create(intro);
        labels.create(outro);
        assertThrows(
                Conflict.class,
                () -> labels.create(Label.create(LabelKind.SONG, band.id(), "INTRO", T0)));
        labels.create(Label.create(LabelKind.LOCATION, band.id(), "intro", T0));
        labels.create(Label.create(LabelKind.SONG, other.id(), "intro", T0));
        Conflict c =
                assertThrows(
                        Conflict.class,
                        () ->
                                labels.rename(
                                        LabelKind.SONG, outro.id(), "intro", T0.plusSeconds(1)));
        assertEquals("a song named 'intro' exists in this profile already", c.getMessage());
        assertEquals(
                List.of("Intro", "Outro"),
                labels.list(member, band.name(), LabelKind.SONG).orElseThrow().stream()
                        .map(l -> l.label().name())
                        .toList());
    }

    @Test
    void a_renamed_label_keeps_its_id_and_a_deleted_one_is_gone() {
        Label intro = Label.create(LabelKind.SONG, band.id(), "Intro", T0);
        labels.create(intro);
        assertTrue(labels.rename(LabelKind.SONG, intro.id(), "Overture", T0.plusSeconds(5)));
        Label renamed = labels.visible(member, LabelKind.SONG, intro.id()).orElseThrow();
        assertEquals("Overture", renamed.name());
        assertEquals(T0, renamed.createdAt());
        assertEquals(T0.plusSeconds(5), renamed.updatedAt());
        assertEquals(0, labels.uses(LabelKind.SONG, intro.id()));
        assertFalse(labels.delete(LabelKind.LOCATION, intro.id()), "not a location");
        assertTrue(labels.delete(LabelKind.SONG, intro.id()));
        assertFalse(labels.delete(LabelKind.SONG, intro.id()));
        assertFalse(labels.rename(LabelKind.SONG, intro.id(), "Again", T0));
    }

    @Test
    void a_recordings_location_and_date_follow_renames_unlink_on_delete_and_survive_a_save() {
        Recording take =
                recordings.save(
                        Recording.create(
                                band.id(),
                                new OutputName("take_1"),
                                "Take",
                                null,
                                null,
                                Fixtures.fourStems(),
                                T0));
        assertEquals(RecordingDetails.NONE, take.details());
        Label attic = Label.create(LabelKind.LOCATION, band.id(), "Attic", T0);
        labels.create(attic);
        LocalDate day = LocalDate.of(2026, 11, 3);
        assertTrue(recordings.setDetails(take.id(), attic.id(), day, T0.plusSeconds(1)));
        assertEquals(
                new RecordingDetails(
                        new RecordingDetails.Place(attic.id(), "Attic"),
                        day,
                        RecordingStatus.COMPLETE),
                recordings.byId(take.id()).orElseThrow().details());
        assertEquals(1, labels.uses(LabelKind.LOCATION, attic.id()));
        assertEquals(
                1,
                labels.list(member, band.name(), LabelKind.LOCATION).orElseThrow().get(0).uses(),
                "the list counts what uses each label, as uses does");

        Recording again = recordings.save(take);
        assertEquals(day, again.details().dateRecorded(), "a save keeps the details");
        labels.rename(LabelKind.LOCATION, attic.id(), "The Attic", T0.plusSeconds(2));
        assertEquals(
                "The Attic", recordings.byId(take.id()).orElseThrow().details().location().name());
        assertTrue(recordings.setStatus(take.id(), RecordingStatus.PROCESSING));
        assertTrue(labels.delete(LabelKind.LOCATION, attic.id()));
        RecordingDetails after = recordings.byId(take.id()).orElseThrow().details();
        assertEquals(new RecordingDetails(null, day, RecordingStatus.PROCESSING), after);
        assertTrue(recordings.setDetails(take.id(), null, null, T0.plusSeconds(3)));
        assertEquals(
                new RecordingDetails(null, null, RecordingStatus.PROCESSING),
                recordings.byId(take.id()).orElseThrow().details());
    }
}
