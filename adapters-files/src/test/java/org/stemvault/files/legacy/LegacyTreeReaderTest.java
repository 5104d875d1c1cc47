package org.stemvault.files.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemvault.application.legacy.LegacyTree;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.Stem;

class LegacyTreeReaderTest {

    @TempDir Path dir;
    LegacyFixture tree;
    LegacyTreeReader reader;

    @BeforeEach
    void build() throws Exception {
        tree = new LegacyFixture(dir).config("band", "attic");
        reader = new LegacyTreeReader(tree.config(), tree.media());
    }

    Map<String, LegacyTree.Recording> read(String profile) {
        return reader.recordings(profile).stream()
                .collect(Collectors.toMap(LegacyTree.Recording::path, r -> r));
    }

    @Test
    void the_config_names_the_profiles_and_other_keys_and_placeholders_are_ignored() {
        assertEquals(
                List.of(
                        new LegacyTree.Profile("band", "/sources/band", "htdemucs"),
                        new LegacyTree.Profile("attic", "/sources/attic", "htdemucs")),
                reader.profiles());
    }

    @Test
    void a_folder_holds_the_files_inside_it_and_nothing_outside() throws Exception {
        tree.recording("band", "take-1", "One", "vocals", "vocals.wav");
        tree.recording("band", "take-2", "Two", "drums", "drums.wav");
        Files.delete(dir.resolve("media/band/take-2/drums_waveform.png"));
        LegacyTree.Recording one = read("band").get("band/take-1");
        LegacyTree.Recording two = read("band").get("band/take-2");
        assertTrue(reader.holds(one, new MediaFileName("vocals.wav")));
        assertTrue(reader.holds(one, new MediaFileName("vocals_waveform.png")));
        assertFalse(reader.holds(two, new MediaFileName("drums_waveform.png")), "deleted");
        assertFalse(reader.holds(two, new MediaFileName("vocals.wav")), "another folder's file");
        Files.createDirectories(dir.resolve("media/band/take-2/sub"));
        assertFalse(reader.holds(two, new MediaFileName("sub")), "a folder is not a file");
        Files.createSymbolicLink(
                dir.resolve("media/band/take-2/linked.wav"),
                dir.resolve("media/band/take-1/vocals.wav"));
        assertFalse(
                reader.holds(two, new MediaFileName("linked.wav")),
                "a link that leaves the folder does not count");
    }

    @Test
    void every_stem_is_measured_from_its_own_file_whatever_its_format() throws Exception {
        tree.recording(
                "band",
                "take-1",
                "Tuesday jam",
                "vocals",
                "vocals.wav",
                "drums",
                "drums.opus",
                "bass",
                "bass.flac",
                "other",
                "other.mp3");
        LegacyTree.Recording r = read("band").get("band/take-1");
        assertNull(r.problem());
        assertEquals("Tuesday jam", r.displayName());
        Map<String, Stem> stems =
                r.stems().stream().collect(Collectors.toMap(s -> s.type().value(), s -> s));
        assertEquals(1.0, stems.get("vocals").durationSeconds(), 0.01);
        assertEquals(1.5, stems.get("drums").durationSeconds(), 0.05);
        assertEquals(1.5, stems.get("bass").durationSeconds(), 0.05);
        assertEquals(1.5, stems.get("other").durationSeconds(), 0.1);
        assertEquals(
                Files.size(dir.resolve("media/band/take-1/bass.flac")),
                stems.get("bass").fileSizeBytes());
        assertNull(stems.get("other").measuredLufs(), "a silent stem keeps its null loudness");
        assertEquals(
                List.of("vocals", "drums", "bass", "other"),
                r.stems().stream().map(s -> s.type().value()).toList());
    }

    @Test
    void the_source_hash_comes_from_the_processed_hashes_or_from_hashing_the_source_file()
            throws Exception {
        tree.recording("band", "hashed", "", "vocals", "vocals.wav");
        tree.recording("band", "with-source", "", "vocals", "vocals.wav");
        byte[] source = LegacyFixture.wav(2.0, 8000);
        Files.write(dir.resolve("media/band/with-source/source.wav"), source);
        tree.recording("band", "neither", "", "vocals", "vocals.wav");
        tree.processedHashes("band", "{\"" + "AB".repeat(32) + "\": \"hashed\"}");

        Map<String, LegacyTree.Recording> rs = read("band");
        assertEquals("ab".repeat(32), rs.get("band/hashed").source().sha256().value());
        assertEquals(
                "hashed",
                rs.get("band/hashed").displayName(),
                "an empty display name means the folder name");
        LegacyTree.Source s = rs.get("band/with-source").source();
        assertEquals(LegacyFixture.sha256Hex(source), s.sha256().value());
        assertEquals("source.wav", s.filename());
        assertEquals(source.length, s.sizeBytes());
        assertEquals(2.0, s.durationSeconds(), 0.01);
        assertNull(rs.get("band/neither").source());
    }

    @Test
    void a_broken_folder_fails_alone_with_its_reason() throws Exception {
        tree.recording("band", "good", "Good", "vocals", "vocals.wav");
        Path missing = tree.recording("band", "missing-stem", "", "vocals", "vocals.wav");
        Files.delete(missing.resolve("vocals.wav"));
        tree.recording("band", "escape", "", "vocals", "../good/vocals.wav");
        Path malformed = tree.recording("band", "malformed", "", "vocals", "vocals.wav");
        Files.writeString(malformed.resolve("metadata.json"), "{\"stems\": {");
        Files.createDirectories(dir.resolve("media/band/no-metadata"));
        Path empty = tree.recording("band", "no-stems", "", "vocals", "vocals.wav");
        Files.writeString(
                empty.resolve("metadata.json"), "{\"display_name\": \"x\", \"stems\": {}}");
        tree.recording("band", "unreadable", "", "vocals", "vocals.opus");
        Files.writeString(
                dir.resolve("media/band/unreadable/vocals.opus"), "this is not an Ogg stream");

        Map<String, LegacyTree.Recording> rs = read("band");
        assertNull(rs.get("band/good").problem());
        assertTrue(rs.get("band/missing-stem").problem().contains("stem file missing: vocals.wav"));
        assertTrue(
                rs.get("band/escape").problem().contains("stem_url"),
                rs.get("band/escape").problem());
        assertTrue(rs.get("band/malformed").problem().startsWith("malformed metadata.json"));
        assertEquals("no metadata.json", rs.get("band/no-metadata").problem());
        assertEquals("no stems in metadata.json", rs.get("band/no-stems").problem());
        assertTrue(
                rs.get("band/unreadable")
                        .problem()
                        .contains("cannot read the duration of vocals.opus"),
                rs.get("band/unreadable").problem());
    }

    @Test
    void a_link_out_of_the_folder_is_refused() throws Exception {
        Path folder = tree.recording("band", "linked", "", "vocals", "vocals.wav");
        Files.delete(folder.resolve("vocals.wav"));
        Path outside = dir.resolve("outside.wav");
        Files.write(outside, LegacyFixture.wav(1, 8000));
        Files.createSymbolicLink(folder.resolve("vocals.wav"), outside);
        assertTrue(
                read("band")
                        .get("band/linked")
                        .problem()
                        .contains("leaves the recording's folder"));
    }

    @Test
    void a_config_without_profiles_is_refused_with_a_reason() throws Exception {
        Files.writeString(tree.config(), "auth: {}\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> reader.profiles());
        assertTrue(e.getMessage().contains("no 'profiles:' list"));
    }
}
