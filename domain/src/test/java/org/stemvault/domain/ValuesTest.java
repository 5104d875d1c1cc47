package org.stemvault.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.user.Email;

class ValuesTest {

    static Stem stem(String type) {
        return new Stem(
                new StemType(type),
                null,
                0.5,
                0,
                new MediaFileName(type + ".opus"),
                new MediaFileName(type + ".png"),
                10,
                1.5);
    }

    @Test
    void an_email_is_trimmed_and_lower_cased_so_two_spellings_are_one_address() {
        assertEquals(new Email("ada@example.com"), new Email("  Ada@EXAMPLE.com "));
        assertEquals("example.com", new Email("ada@Example.com").domain());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ada", "ada@", "@example.com", "a b@example.com", "ada@example"})
    void a_malformed_email_is_invalid_and_names_the_field(String value) {
        Invalid e = assertThrows(Invalid.class, () -> new Email(value));
        assertEquals("email", e.field());
    }

    @Test
    void a_sha256_is_64_hex_characters_stored_lower_case() {
        assertEquals("ab".repeat(32), new Sha256("AB".repeat(32)).value());
        assertThrows(Invalid.class, () -> new Sha256("ab".repeat(31)));
        assertThrows(Invalid.class, () -> new Sha256("zz".repeat(32)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a\\b", "..", ".", "", " ", "tab\there"})
    void an_output_name_cannot_name_another_folder(String value) {
        Invalid e = assertThrows(Invalid.class, () -> new OutputName(value));
        assertEquals("output_name", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "..", ".", " lead", "trail ", ""})
    void a_profile_name_is_a_single_clean_path_segment(String value) {
        assertThrows(Invalid.class, () -> new ProfileName(value));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Vocals",
                "",
                "voc/als",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "drums!"
            })
    void a_stem_type_is_1_to_40_of_lower_case_letters_digits_underscore_dash_and_space(
            String value) {
        assertThrows(Invalid.class, () -> new StemType(value));
    }

    @Test
    void stem_types_with_space_dash_and_underscore_are_fine() {
        assertEquals("lead vocals_2-b", new StemType("lead vocals_2-b").value());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/etc/passwd",
                "../x.opus",
                "a/../../x",
                "https://evil/x.opus",
                "a\\b.opus",
                "a//b",
                "./a",
                "a/",
                "a/.",
                "x/..",
                "..",
                "a\u0007b.opus"
            })
    void a_media_file_name_cannot_leave_its_recording_folder(String value) {
        Invalid e =
                assertThrows(Invalid.class, () -> MediaFileName.of("stems[0].audio_url", value));
        assertEquals("stems[0].audio_url", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vocals.opus", "..x/y..", "a.b/c..d/.e", "stems/vocals_waveform.png"})
    void dots_inside_a_segment_are_fine(String value) {
        assertEquals(value, MediaFileName.of("file", value).value());
    }

    @Test
    void
            a_stem_rejects_non_finite_numbers_negative_sizes_and_non_positive_durations_but_allows_silence() {
        MediaFileName a = new MediaFileName("a.opus");
        StemType t = new StemType("vocals");
        assertEquals(
                "measured_lufs",
                assertThrows(Invalid.class, () -> new Stem(t, Double.NaN, 0, 0, a, a, 1, 1))
                        .field());
        assertEquals(
                "peak_amplitude",
                assertThrows(
                                Invalid.class,
                                () -> new Stem(t, null, Double.POSITIVE_INFINITY, 0, a, a, 1, 1))
                        .field());
        assertEquals(
                "file_size_bytes",
                assertThrows(Invalid.class, () -> new Stem(t, null, 0, 0, a, a, -1, 1)).field());
        assertEquals(
                "duration_seconds",
                assertThrows(Invalid.class, () -> new Stem(t, null, 0, 0, a, a, 1, 0)).field());
        assertEquals(
                "duration_seconds",
                assertThrows(Invalid.class, () -> new Stem(t, null, 0, 0, a, a, 1, Double.NaN))
                        .field());
        assertEquals(null, new Stem(t, null, 0, 0, a, a, 0, 0.1).measuredLufs());
    }

    @Test
    void a_recording_holds_one_stem_per_type_and_falls_back_to_its_output_name_for_display() {
        ProfileId profile = ProfileId.random();
        OutputName name = new OutputName("080805-001_a1b2c3d4");
        assertThrows(
                Invalid.class,
                () ->
                        Recording.create(
                                profile,
                                name,
                                "x",
                                null,
                                null,
                                List.of(stem("vocals"), stem("vocals")),
                                Instant.EPOCH));
        Recording r =
                Recording.create(
                        profile, name, " ", null, null, List.of(stem("vocals")), Instant.EPOCH);
        assertEquals("080805-001_a1b2c3d4", r.displayName());
        assertEquals("", r.description());
    }

    @Test
    void a_vector_is_an_immutable_copy_compared_by_value() {
        float[] values = {1, 2, 3};
        Vector v = Vector.of(values);
        values[0] = 99;
        v.toArray()[1] = 99;
        assertEquals(Vector.of(1, 2, 3), v);
        assertNotEquals(Vector.of(1, 2, 4), v);
    }

    @Test
    void a_vector_has_finite_values_not_all_zero() {
        assertThrows(Invalid.class, () -> Vector.of(1, Float.NaN));
        assertThrows(Invalid.class, () -> Vector.of(1, Float.POSITIVE_INFINITY));
        assertThrows(Invalid.class, () -> Vector.of(0, 0, 0));
        assertThrows(Invalid.class, () -> Vector.of());
    }

    @Test
    void an_embedding_has_its_spaces_dimensions() {
        EmbeddingSpace space = new EmbeddingSpace("audio", 4, EmbeddingSpace.Source.EXTERNAL);
        Invalid e =
                assertThrows(
                        Invalid.class,
                        () ->
                                new Embedding(
                                        RecordingId.random(),
                                        null,
                                        space,
                                        Vector.of(1, 2, 3),
                                        null,
                                        Instant.EPOCH));
        assertEquals("vector", e.field());
    }
}
