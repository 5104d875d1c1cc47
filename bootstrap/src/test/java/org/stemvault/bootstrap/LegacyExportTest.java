package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemvault.bootstrap.LegacyImportTest.Run;
import org.stemvault.bootstrap.cli.Cli;
import org.stemvault.files.legacy.LegacyFixture;
import org.stemvault.postgres.TestDatabase;

/**
 * The way out: export-legacy writes what import-legacy reads, so import, export and import again
 * end in the same database, on the awkward legacy tree the import tests use.
 */
class LegacyExportTest {

    @TempDir Path dir;

    @BeforeAll
    static void migrate() {
        LegacyImportTest.migrate();
    }

    @BeforeEach
    void empty() {
        TestDatabase.truncateAll();
    }

    /** The local media store kept in {@code media}: where an imported library's files are. */
    static Map<String, Object> storeIn(Path media) {
        return Map.of("stemvault.media.root", media.toString());
    }

    static Run export(Path media, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Map<String, Object> properties = new HashMap<>(TestApp.properties());
        properties.putAll(storeIn(media));
        List<String> command = new ArrayList<>(List.of("export-legacy"));
        command.addAll(List.of(args));
        int exit = Cli.run(command, properties, print, print);
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    /** Every file under a folder, by relative path, with its bytes. */
    static Map<String, byte[]> files(Path root) throws Exception {
        Map<String, byte[]> all = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                all.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return all;
    }

    @Test
    void import_export_import_ends_in_the_same_database_and_a_second_export_is_byte_identical()
            throws Exception {
        LegacyFixture tree = new LegacyImportTest().libraryIn(dir.resolve("legacy"));
        Run imported =
                LegacyImportTest.importLegacy(storeIn(tree.media()), tree.config(), tree.media());
        assertEquals(1, imported.exit(), "the awkward tree has its failures:\n" + imported.out());
        List<String> first = LegacyImportTest.snapshot();

        Path out = dir.resolve("exported");
        Run exported = export(tree.media(), "--out", out.toString(), "--with-media");
        assertEquals(0, exported.exit(), exported.out());
        assertTrue(exported.out().contains("band: 3 recordings exported"), exported.out());
        assertTrue(exported.out().contains("attic: 1 recordings exported"), exported.out());
        assertTrue(
                exported.out()
                        .contains(
                                "import it with: import-legacy --config "
                                        + out.resolve("config.yaml")),
                exported.out());
        assertTrue(
                Files.isRegularFile(out.resolve("media/band/take-2/source.wav")),
                "the media came along");

        TestDatabase.truncateAll();
        Run again =
                LegacyImportTest.importLegacy(
                        Map.of(), out.resolve("config.yaml"), out.resolve("media"));
        assertEquals(0, again.exit(), "only what imported cleanly was exported:\n" + again.out());
        assertEquals(first, LegacyImportTest.snapshot(), "the same database, row for row");

        Path second = dir.resolve("exported-again");
        assertEquals(
                0, export(out.resolve("media"), "--out", second.toString(), "--with-media").exit());
        Map<String, byte[]> a = files(out);
        Map<String, byte[]> b = files(second);
        assertEquals(a.keySet(), b.keySet());
        for (String file : a.keySet()) {
            assertArrayEquals(a.get(file), b.get(file), file);
        }
        assertEquals(
                Files.getLastModifiedTime(out.resolve("media/band/take-1/metadata.json")),
                Files.getLastModifiedTime(second.resolve("media/band/take-1/metadata.json")),
                "a recording's creation time travels as its metadata.json's time");
    }

    @Test
    void one_profile_alone_and_without_media_and_the_refusals() throws Exception {
        LegacyFixture tree = new LegacyImportTest().libraryIn(dir.resolve("legacy"));
        LegacyImportTest.importLegacy(storeIn(tree.media()), tree.config(), tree.media());

        Path out = dir.resolve("attic-only");
        Run attic = export(tree.media(), "--out", out.toString(), "--profile", "attic");
        assertEquals(0, attic.exit(), attic.out());
        assertEquals(
                List.of(
                        "config.yaml",
                        "media/attic/.processed_hashes.json",
                        "media/attic/take-1/metadata.json"),
                List.copyOf(files(out).keySet()),
                "one profile, no media");
        String config = Files.readString(out.resolve("config.yaml"));
        assertTrue(config.contains("name: attic") && !config.contains("band"), config);

        Run notEmpty = export(tree.media(), "--out", out.toString());
        assertEquals(2, notEmpty.exit(), notEmpty.out());
        assertTrue(notEmpty.out().contains("is not empty"), notEmpty.out());

        Run unknown =
                export(
                        tree.media(),
                        "--out",
                        dir.resolve("nothing").toString(),
                        "--profile",
                        "nobody");
        assertEquals(1, unknown.exit(), unknown.out());
        assertTrue(unknown.out().contains("no such profile"), unknown.out());
        assertTrue(!Files.exists(dir.resolve("nothing/config.yaml")), "nothing written");
    }
}
