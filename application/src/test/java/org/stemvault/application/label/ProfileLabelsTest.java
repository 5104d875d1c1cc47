package org.stemvault.application.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.application.Principal;
import org.stemvault.application.fakes.InMemoryMediaStore;
import org.stemvault.application.fakes.World;
import org.stemvault.application.library.Library;
import org.stemvault.application.library.RecordingMetadata;
import org.stemvault.application.search.TextIndex;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.label.Labels;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;

/** The rules of songs, locations and a recording's details, on the in-memory ports. */
class ProfileLabelsTest {

    final World world = new World();
    final ProfileLabels labels =
            new ProfileLabels(
                    world.ports.catalogue(),
                    world.ports.labels(),
                    world.ports.transactions(),
                    world.clock);
    final Library library =
            new Library(
                    world.ports.catalogue(),
                    world.ports.recordings(),
                    new InMemoryMediaStore(),
                    world.ports.mediaDeletions(),
                    world.ports.transactions(),
                    world.clock,
                    new TextIndex(
                            List.of(),
                            world.ports.embeddingJobs(),
                            world.ports.recordings(),
                            world.ports.embeddings(),
                            () -> {
                                throw new AssertionError("nothing is embedded here");
                            },
                            world.clock),
                    world.ports.jobs(),
                    world.ports.audioFiles());
    final RecordingMetadata metadata =
            new RecordingMetadata(
                    world.ports.catalogue(),
                    world.ports.labels(),
                    world.ports.recordings(),
                    library,
                    world.ports.transactions(),
                    world.clock,
                    world.ports.recordingConfigs());

    final Profile band = world.profile("band");
    final Profile attic = world.profile("attic");
    final Principal member = world.principal(world.user("member@example.com"));
    final Principal stranger = world.principal(world.user("stranger@example.com"));

    {
        world.grant(world.user("member@example.com"), band);
    }

    @Test
    void names_are_trimmed_bounded_and_unique_per_profile_and_kind_whatever_their_case() {
        Label intro = labels.create(member, "band", LabelKind.SONG, "  Intro ");
        assertEquals("Intro", intro.name());
        assertThrows(Conflict.class, () -> labels.create(member, "band", LabelKind.SONG, "INTRO"));
        labels.create(member, "band", LabelKind.LOCATION, "intro");
        Invalid blank =
                assertThrows(
                        Invalid.class, () -> labels.create(member, "band", LabelKind.SONG, " "));
        assertEquals("name", blank.field());
        assertThrows(
                Invalid.class,
                () -> labels.create(member, "band", LabelKind.SONG, "x".repeat(201)));
        assertEquals(
                List.of(new Labels.Listed(intro, 0)), labels.list(member, "band", LabelKind.SONG));
    }

    @Test
    void a_profile_or_label_the_caller_may_not_see_is_not_found_like_a_missing_one() {
        Label intro = labels.create(member, "band", LabelKind.SONG, "Intro");
        String hidden =
                assertThrows(NotFound.class, () -> labels.list(stranger, "band", LabelKind.SONG))
                        .getMessage();
        assertEquals(
                hidden,
                assertThrows(NotFound.class, () -> labels.list(member, "nope", LabelKind.SONG))
                        .getMessage());
        String theirs =
                assertThrows(
                                NotFound.class,
                                () ->
                                        labels.rename(
                                                stranger,
                                                LabelKind.SONG,
                                                intro.id().toString(),
                                                "Mine"))
                        .getMessage();
        assertEquals(
                theirs,
                assertThrows(
                                NotFound.class,
                                () -> labels.rename(member, LabelKind.SONG, "not-a-uuid", "Mine"))
                        .getMessage());
        assertThrows(
                NotFound.class,
                () -> labels.delete(member, LabelKind.LOCATION, intro.id().toString(), true),
                "a song is not a location");
        assertThrows(NotFound.class, () -> labels.create(stranger, "band", LabelKind.SONG, "Mine"));
    }

    @Test
    void details_keep_what_is_absent_clear_what_is_null_and_take_only_the_profiles_locations() {
        Recording take = world.take(band, "take-1", 0);
        String id = take.id().toString();
        Label place = labels.create(member, "band", LabelKind.LOCATION, "Garage");
        LocalDate day = LocalDate.of(2026, 11, 3);
        metadata.update(
                member, id, new RecordingMetadata.Change(true, place.id().toString(), true, day));
        Recording set = metadata.get(member, id).recording();
        assertEquals("Garage", set.details().location().name());
        assertEquals(day, set.details().dateRecorded());

        metadata.update(member, id, new RecordingMetadata.Change(false, null, true, null));
        Recording dateCleared = metadata.get(member, id).recording();
        assertEquals("Garage", dateCleared.details().location().name());
        assertNull(dateCleared.details().dateRecorded());

        Label elsewhere =
                new Label(
                        org.stemvault.domain.label.LabelId.random(),
                        LabelKind.LOCATION,
                        attic.id(),
                        "Far",
                        world.clock.instant(),
                        world.clock.instant());
        world.ports.labels().create(elsewhere);
        Invalid foreign =
                assertThrows(
                        Invalid.class,
                        () ->
                                metadata.update(
                                        member,
                                        id,
                                        new RecordingMetadata.Change(
                                                true, elsewhere.id().toString(), false, null)));
        assertEquals("location_id", foreign.field());
        Invalid ancient =
                assertThrows(
                        Invalid.class,
                        () ->
                                metadata.update(
                                        member,
                                        id,
                                        new RecordingMetadata.Change(
                                                false, null, true, LocalDate.of(1066, 10, 14))));
        assertEquals("date_recorded", ancient.field());
        assertEquals("Garage", metadata.get(member, id).recording().details().location().name());
        assertThrows(NotFound.class, () -> metadata.get(stranger, id));
    }

    @Test
    void a_location_in_use_is_deleted_only_with_force_which_unlinks_it() {
        Recording take = world.take(band, "take-1", 0);
        Label place = labels.create(member, "band", LabelKind.LOCATION, "Garage");
        metadata.update(
                member,
                take.id().toString(),
                new RecordingMetadata.Change(true, place.id().toString(), false, null));
        Conflict used =
                assertThrows(
                        Conflict.class,
                        () ->
                                labels.delete(
                                        member, LabelKind.LOCATION, place.id().toString(), false));
        assertTrue(used.getMessage().contains("used by 1 recording"), used.getMessage());
        ProfileLabels.Deleted deleted =
                labels.delete(member, LabelKind.LOCATION, place.id().toString(), true);
        assertEquals(1, deleted.unlinked());
        assertNull(metadata.get(member, take.id().toString()).recording().details().location());
        assertEquals(List.of(), labels.list(member, "band", LabelKind.LOCATION));
    }

    @Test
    void player_settings_take_only_the_keys_of_the_list_and_a_bounded_value() {
        Recording take = world.take(band, "take-1", 0);
        String id = take.id().toString();
        metadata.configure(member, id, "stems", "{\"vocals\":{\"gain\":-3}}");
        assertEquals(
                "{\"vocals\":{\"gain\":-3}}",
                metadata.config(member, metadata.get(member, id))
                        .get(org.stemvault.domain.recording.ConfigKey.STEMS));
        assertEquals(
                "key",
                assertThrows(Invalid.class, () -> metadata.configure(member, id, "volume", "1"))
                        .field());
        assertEquals(
                "value",
                assertThrows(
                                Invalid.class,
                                () ->
                                        metadata.configure(
                                                member, id, "eq", "\"" + "x".repeat(16_384) + "\""))
                        .field());
        assertThrows(NotFound.class, () -> metadata.configure(stranger, id, "eq", "1"));
        assertEquals(
                java.util.Map.of(),
                metadata.config(
                        world.principal(world.admin("boss@example.com")), metadata.get(member, id)),
                "settings are each member's own");
    }
}
