package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemvault.bootstrap.cli.Cli;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.files.legacy.LegacyFixture;
import org.stemvault.postgres.TestDatabase;
import org.stemvault.s3.S3MediaStore;
import org.stemvault.s3.TestS3;

/**
 * The legacy import against the real database: every case, idempotency, and a real interruption.
 */
class LegacyImportTest {

    @TempDir Path dir;

    record Run(int exit, String out) {}

    static Run importLegacy(Path config, Path media, String... more) {
        return importLegacy(Map.of(), config, media, more);
    }

    static Run importLegacy(Map<String, Object> settings, Path config, Path media, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "import-legacy",
                                "--config",
                                config.toString(),
                                "--media",
                                media.toString()));
        args.addAll(List.of(more));
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Map<String, Object> properties = new HashMap<>(TestApp.properties());
        properties.putAll(settings);
        int exit = Cli.run(args, properties, print, print);
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    static List<String> rows(String sql) throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    /** Everything an import writes, without the generated ids. */
    static List<String> snapshot() throws Exception {
        List<String> all =
                new ArrayList<>(
                        rows(
                                "SELECT name, source_folder, strategy_name FROM profiles ORDER BY name"));
        all.addAll(
                rows(
                        """
                SELECT p.name, r.output_name, r.display_name, r.description, r.created_at, a.file_hash, a.filename,
                       a.file_size_bytes, a.duration_seconds, ap.name,
                       (SELECT string_agg(s.stem_type || ':' || coalesce(s.measured_lufs::text, 'null') || ':'
                               || s.peak_amplitude || ':' || s.stem_gain_adjustment_db || ':' || s.file_size_bytes
                               || ':' || s.duration_seconds || ':' || s.audio_url || ':' || s.waveform_url, ','
                               ORDER BY s.position) FROM stems s WHERE s.recording_id = r.id)
                FROM recordings r JOIN profiles p ON p.id = r.profile_id
                LEFT JOIN audio_files a ON a.id = r.audio_file_id LEFT JOIN profiles ap ON ap.id = a.profile_id
                ORDER BY p.name, r.output_name"""));
        all.addAll(
                rows(
                        "SELECT file_hash, filename, file_size_bytes, duration_seconds FROM audio_files ORDER BY file_hash"));
        return all;
    }

    @BeforeAll
    static void migrate() {
        assertEquals(
                0,
                Cli.run(
                        List.of("worker-tokens"),
                        new HashMap<>(TestApp.properties()),
                        new PrintStream(new ByteArrayOutputStream()),
                        System.err));
    }

    @BeforeEach
    void empty() {
        TestDatabase.truncateAll();
    }

    LegacyFixture libraryWithEveryCase() throws Exception {
        return libraryIn(dir);
    }

    /** The awkward legacy tree, built under {@code dir}: every case the import must handle. */
    LegacyFixture libraryIn(Path dir) throws Exception {
        LegacyFixture tree = new LegacyFixture(dir).config("band", "attic");
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
        tree.recording("band", "take-2", "", "vocals", "vocals.wav");
        Files.write(dir.resolve("media/band/take-2/source.wav"), LegacyFixture.wav(2.0, 8000));
        tree.recording("band", "take-3", "No source", "vocals", "vocals.wav");
        tree.recording("band", "broken-escape", "", "vocals", "../take-1/vocals.wav");
        Files.createDirectories(dir.resolve("media/band/broken-no-metadata"));
        Path malformed = tree.recording("band", "broken-json", "", "vocals", "vocals.wav");
        Files.writeString(malformed.resolve("metadata.json"), "{not json");
        Path drawless = tree.recording("band", "broken-no-waveform", "", "vocals", "vocals.wav");
        Files.delete(drawless.resolve("vocals_waveform.png"));
        tree.processedHashes("band", "{\"" + "ab".repeat(32) + "\": \"take-1\"}");
        tree.recording("attic", "take-1", "Same source, other profile", "vocals", "vocals.wav");
        tree.processedHashes("attic", "{\"" + "ab".repeat(32) + "\": \"take-1\"}");
        return tree;
    }

    @Test
    void a_library_comes_in_with_real_hashes_and_durations_and_each_failure_reported()
            throws Exception {
        LegacyFixture tree = libraryWithEveryCase();

        Run run = importLegacy(tree.config(), tree.media());

        assertEquals(1, run.exit(), "something failed, so not 0:\n" + run.out());
        assertTrue(run.out().contains("band: 3 new, 0 already present, 4 failed"), run.out());
        assertTrue(run.out().contains("attic: 1 new, 0 already present, 0 failed"), run.out());
        assertTrue(run.out().contains("failed: band/broken-escape: stem 'vocals': "), run.out());
        assertTrue(
                run.out().contains("failed: band/broken-no-metadata: no metadata.json"), run.out());
        assertTrue(
                run.out().contains("failed: band/broken-json: malformed metadata.json"), run.out());
        assertTrue(
                run.out()
                        .contains(
                                "failed: band/broken-no-waveform: stems[0].waveform_url: names"
                                        + " vocals_waveform.png, which is not in the recording's"
                                        + " folder"),
                "the rule a job's completion applies: " + run.out());
        assertTrue(
                run.out()
                        .contains(
                                "no source hash (imported without a source-file link): band/take-3"),
                run.out());

        assertEquals(
                List.of("attic|/sources/attic|htdemucs|", "band|/sources/band|htdemucs|"),
                rows("SELECT name, source_folder, strategy_name FROM profiles ORDER BY name"));
        assertEquals(
                List.of(
                        "band|take-1|Tuesday jam|4|band|",
                        "band|take-2|take-2|1|band|",
                        "band|take-3|No source|1|null|",
                        "attic|take-1|Same source, other profile|1|band|"),
                rows(
                        """
                        SELECT p.name, r.output_name, r.display_name, (SELECT count(*) FROM stems s WHERE s.recording_id = r.id),
                               ap.name FROM recordings r JOIN profiles p ON p.id = r.profile_id
                        LEFT JOIN audio_files a ON a.id = r.audio_file_id LEFT JOIN profiles ap ON ap.id = a.profile_id
                        ORDER BY p.name DESC, r.output_name"""));
        assertEquals(
                2,
                rows("SELECT 1 FROM audio_files").size(),
                "the shared hash is registered once, reused by attic");
        assertEquals(
                List.of("2|"),
                rows("SELECT duration_seconds FROM audio_files WHERE filename = 'source.wav'"));
        List<String> durations =
                rows(
                        """
                SELECT s.stem_type, round(s.duration_seconds::numeric, 0) FROM stems s
                JOIN recordings r ON r.id = s.recording_id JOIN profiles p ON p.id = r.profile_id
                WHERE p.name = 'band' AND r.output_name = 'take-1' ORDER BY s.position""");
        // 1 s of WAV, 1.5 s of Opus, FLAC and MP3 (an MP3's frames pad it a little): whole seconds,
        // rounded.
        assertEquals(List.of("vocals|1|", "drums|2|", "bass|2|", "other|2|"), durations);
    }

    @Test
    void a_library_moves_into_a_bucket_once_and_a_second_run_copies_nothing() throws Exception {
        LegacyFixture tree = new LegacyFixture(dir).config("band");
        tree.recording("band", "take-1", "One", "vocals", "vocals.wav");
        tree.recording("band", "take-2", "Two", "drums", "drums.wav");
        String bucket = "moved-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> s3 = Map.copyOf(TestApp.inBucket(bucket));
        List<Path> files;
        try (var walk = Files.walk(tree.media())) {
            files = walk.filter(Files::isRegularFile).toList();
        }

        Run first = importLegacy(s3, tree.config(), tree.media(), "--upload-to-store");
        assertEquals(0, first.exit(), first.out());
        assertTrue(
                first.out()
                        .contains(
                                "media store: "
                                        + files.size()
                                        + " files uploaded, 0 already there"),
                first.out());
        S3MediaStore store = new S3MediaStore(TestS3.settings(bucket, ""));
        for (Path file : files) {
            MediaKey key = new MediaKey(tree.media().relativize(file).toString());
            assertTrue(store.holds(key, file), key + " is in the bucket, byte for byte");
        }

        Run again = importLegacy(s3, tree.config(), tree.media(), "--upload-to-store");
        assertTrue(
                again.out()
                        .contains(
                                "media store: 0 files uploaded, "
                                        + files.size()
                                        + " already there"),
                again.out());

        Path changed = tree.media().resolve("band/take-2/drums.wav");
        Files.write(changed, LegacyFixture.wav(1.5, 8000));
        Run resumed = importLegacy(s3, tree.config(), tree.media(), "--upload-to-store");
        assertTrue(resumed.out().contains("media store: 1 files uploaded"), resumed.out());
        assertTrue(store.holds(new MediaKey("band/take-2/drums.wav"), changed));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        Map<String, Object> properties = new HashMap<>(TestApp.properties());
        properties.putAll(s3);
        int verified = Cli.run(List.of("media", "verify"), properties, print, print);
        assertEquals(0, verified, "the bucket and the database agree:\n" + out);
    }

    @Test
    void a_second_run_changes_nothing_and_reports_nothing_new() throws Exception {
        LegacyFixture tree = libraryWithEveryCase();
        importLegacy(tree.config(), tree.media());
        List<String> first = snapshot();

        Run again = importLegacy(tree.config(), tree.media());

        assertTrue(again.out().contains("band: 0 new, 3 already present, 4 failed"), again.out());
        assertTrue(again.out().contains("attic: 0 new, 1 already present, 0 failed"), again.out());
        assertEquals(first, snapshot());
    }

    @Test
    void a_clean_library_exits_0_and_a_dry_run_writes_nothing() throws Exception {
        LegacyFixture tree = new LegacyFixture(dir).config("band");
        tree.recording("band", "take-1", "One", "vocals", "vocals.wav");
        Run dry = importLegacy(tree.config(), tree.media(), "--dry-run");
        assertEquals(0, dry.exit(), dry.out());
        assertTrue(
                dry.out()
                        .contains(
                                "band: 1 new, 0 already present, 0 failed (dry run: nothing written)"),
                dry.out());
        assertEquals(List.of(), rows("SELECT 1 FROM profiles"));
        assertEquals(0, importLegacy(tree.config(), tree.media()).exit());
        assertEquals(1, rows("SELECT 1 FROM recordings").size());
    }

    @Test
    void killing_the_import_at_any_moment_and_running_it_again_ends_like_one_clean_run()
            throws Exception {
        LegacyFixture tree = new LegacyFixture(dir).config("band");
        for (int i = 0; i < 300; i++) {
            tree.recording(
                    "band",
                    String.format("take-%03d", i),
                    "Take " + i,
                    "vocals",
                    "vocals.wav",
                    "drums",
                    "drums.wav");
        }
        Map<String, String> env =
                StartupFailureTest.withTestDatabase("STEMVAULT_JWT_SECRET", TestApp.JWT_SECRET);
        ProcessBuilder builder =
                new ProcessBuilder(
                                ChildJvm.command(
                                        List.of(),
                                        Application.class.getName(),
                                        "import-legacy",
                                        "--config",
                                        tree.config().toString(),
                                        "--media",
                                        tree.media().toString()))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        Process child = builder.start();
        int seen = 0;
        for (int i = 0; i < 600 && seen < 20; i++) {
            Thread.sleep(50);
            seen = rows("SELECT 1 FROM recordings").size();
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        int afterKill = rows("SELECT 1 FROM recordings").size();
        assertTrue(afterKill >= 20 && afterKill < 300, "killed part-way: " + afterKill + " of 300");
        assertEquals(
                0,
                rows("SELECT 1 FROM recordings r WHERE (SELECT count(*) FROM stems s WHERE s.recording_id = r.id) <> 2")
                        .size(),
                "no recording without all its stems, whenever the kill came");

        Run resumed = importLegacy(tree.config(), tree.media());
        assertEquals(0, resumed.exit(), resumed.out());
        List<String> afterResume = snapshot();

        TestDatabase.truncateAll();
        assertEquals(0, importLegacy(tree.config(), tree.media()).exit());
        assertEquals(snapshot(), afterResume);
    }
}
