package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stemvault.bootstrap.cli.Cli;
import org.stemvault.postgres.TestDatabase;

/** The operator's command line, so the first admin can be set up on a server with no browser. */
class CliTest {

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        return cli(Map.of(), args);
    }

    /** The command line with further settings. */
    static Run cli(Map<String, Object> settings, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, Object> properties = new HashMap<>(TestApp.properties());
        properties.putAll(settings);
        int exit =
                Cli.run(
                        List.of(args),
                        properties,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<String> audit() throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT actor || ' ' || action FROM audit_log ORDER BY at, id")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    @BeforeAll
    static void migrate() {
        assertEquals(
                0,
                cli("worker-tokens").exit(),
                "the command line migrates the schema like the service");
    }

    @BeforeEach
    void empty() {
        TestDatabase.truncateAll();
    }

    @Test
    void the_first_admin_and_the_first_grants_are_set_up_from_the_command_line() throws Exception {
        assertEquals(0, cli("create-profile", "band", "--source-folder", "/srv/band").exit());
        assertEquals(0, cli("promote-admin", "Boss@Example.com").exit());
        Run granted = cli("grant", "band", "drummer@example.com");
        assertEquals(0, granted.exit());
        assertTrue(granted.out().contains("granted drummer@example.com on band"), granted.out());
        assertTrue(cli("grant", "band", "drummer@example.com").out().contains("already a member"));

        Run members = cli("members", "band");
        assertTrue(
                members.out().contains("drummer@example.com  (not signed in yet)  since "),
                members.out());

        assertEquals(0, cli("revoke", "band", "drummer@example.com").exit());
        assertEquals("", cli("members", "band").out());
        assertEquals(
                List.of("cli profile.create", "cli role.admin", "cli grant", "cli revoke"),
                audit());
    }

    static void sql(String statement) throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @Test
    void an_operator_signs_a_user_out_everywhere() throws Exception {
        sql(
                "INSERT INTO users (id, email, role, created_at) VALUES"
                        + " ('00000000-0000-0000-0000-000000000001', 'ada@example.com', 'member', now())");
        sql(
                "INSERT INTO sessions SELECT gen_random_uuid(), u.id, now(), now() + interval '1 day'"
                        + " FROM users u, generate_series(1, 2)");
        Run ended = cli("end-sessions", "Ada@Example.com");
        assertEquals(0, ended.exit(), ended.err());
        assertTrue(ended.out().contains("ended 2 sessions of Ada@Example.com"), ended.out());
        assertTrue(cli("end-sessions", "ada@example.com").out().contains("ended 0 sessions"));
        assertEquals(List.of("cli sessions.revoke"), audit());
        assertEquals(1, cli("end-sessions", "nobody@example.com").exit(), "an unknown user");
    }

    @Test
    void media_verify_lists_missing_and_unreferenced_files_and_exits_1_until_they_agree()
            throws Exception {
        java.nio.file.Path root = java.nio.file.Files.createTempDirectory("stemvault-verify");
        Map<String, Object> media = Map.of("stemvault.media.root", root.toString());
        sql("INSERT INTO profiles VALUES (gen_random_uuid(), 'band', '/src/band', NULL, now())");
        sql(
                "INSERT INTO recordings (id, profile_id, output_name, display_name, description,"
                        + " created_at, updated_at) SELECT gen_random_uuid(), id, 'take-1', 'T', '',"
                        + " now(), now() FROM profiles");
        sql(
                "INSERT INTO stems (id, recording_id, stem_type, measured_lufs, peak_amplitude,"
                        + " stem_gain_adjustment_db, audio_url, waveform_url, file_size_bytes,"
                        + " duration_seconds, position) SELECT gen_random_uuid(), id, 'vocals', -18,"
                        + " 0.9, 0, 'vocals.opus', 'vocals.png', 1, 1, 1 FROM recordings");
        java.nio.file.Path take =
                java.nio.file.Files.createDirectories(root.resolve("band/take-1"));
        java.nio.file.Files.writeString(take.resolve("vocals.opus"), "x");
        java.nio.file.Files.createDirectories(root.resolve("band/old-take"));
        java.nio.file.Files.writeString(root.resolve("band/old-take/drums.opus"), "x");

        Run found = cli(media, "media", "verify");
        assertEquals(1, found.exit(), found.out() + found.err());
        assertTrue(found.out().contains("missing       band/take-1/vocals.png"), found.out());
        assertTrue(found.out().contains("unreferenced  band/old-take/drums.opus"), found.out());
        assertTrue(
                found.out().contains("2 files referenced, 2 stored: 1 missing, 1 unreferenced"),
                found.out());

        java.nio.file.Files.writeString(take.resolve("vocals.png"), "png");
        java.nio.file.Files.delete(root.resolve("band/old-take/drums.opus"));
        Run clean = cli(media, "media", "verify");
        assertEquals(0, clean.exit(), clean.out());
        assertEquals(2, cli("media").exit(), "media alone names nothing to do");
    }

    @Test
    void worker_tokens_are_minted_listed_and_revoked() {
        Run minted = cli("mint-worker-token", "--name", "scanner", "--days", "30");
        assertEquals(0, minted.exit(), minted.err());
        String id =
                minted.out()
                        .lines()
                        .filter(l -> l.startsWith("id: "))
                        .findFirst()
                        .orElseThrow()
                        .substring(4);
        assertTrue(minted.out().contains("token: ey"), minted.out());
        assertTrue(cli("worker-tokens").out().contains(id + "  scanner  expires "));
        assertEquals(0, cli("revoke-worker-token", id).exit());
        assertTrue(cli("worker-tokens").out().contains("revoked "));
        assertEquals(1, cli("revoke-worker-token", id).exit(), "revoking twice is an error");
    }

    @Test
    void mistakes_get_usage_or_a_reason_and_a_non_zero_exit() {
        Run misuse = cli("grant", "band");
        assertEquals(2, misuse.exit());
        assertTrue(misuse.err().contains("Usage: java -jar stemvault.jar"), misuse.err());
        Run missing = cli("grant", "no-such-band", "a@example.com");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("no such profile"), missing.err());
        assertEquals(2, cli("mint-worker-token", "--name", "x", "--days", "many").exit());
        assertEquals(2, cli("revoke-worker-token", "not-a-uuid").exit());
        assertEquals(0, cli("promote-admin", "only@example.com").exit());
        Run last = cli("demote-admin", "only@example.com");
        assertEquals(1, last.exit());
        assertTrue(last.err().contains("last admin"), last.err());
        assertEquals(0, cli("help").exit());
    }

    @Test
    void help_lists_every_command_and_each_command_has_its_own() {
        Run help = cli("help");
        assertEquals(0, help.exit());
        for (String command :
                List.of(
                        "create-profile",
                        "grant",
                        "revoke",
                        "end-sessions",
                        "media",
                        "members",
                        "promote-admin",
                        "demote-admin",
                        "mint-worker-token",
                        "revoke-worker-token",
                        "worker-tokens",
                        "import-legacy",
                        "backfill-embeddings",
                        "analyze-missing")) {
            assertTrue(help.out().contains(command), command + " in " + help.out());
        }
        Run grantHelp = cli("grant", "--help");
        assertEquals(0, grantHelp.exit());
        assertTrue(
                grantHelp.out().contains("Usage: java -jar stemvault.jar grant [-h] PROFILE EMAIL"),
                grantHelp.out());
        assertEquals(0, cli("help", "import-legacy").exit());
    }

    @Test
    void analyze_missing_queues_one_analysis_per_recording_with_stems() throws Exception {
        assertEquals(0, cli("create-profile", "band", "--source-folder", "/srv/band").exit());
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "INSERT INTO recordings (id, profile_id, output_name, display_name, description,"
                            + " created_at, updated_at) SELECT gen_random_uuid(), id, t, t, '', now(),"
                            + " now() FROM profiles, unnest(ARRAY['with-stems', 'empty']) t");
            s.execute(
                    "INSERT INTO stems (id, recording_id, stem_type, measured_lufs, peak_amplitude,"
                            + " stem_gain_adjustment_db, audio_url, waveform_url, file_size_bytes,"
                            + " duration_seconds, position) SELECT gen_random_uuid(), id, 'drums', -20,"
                            + " 0.9, 0, 'drums.opus', 'drums.png', 10, 1, 1 FROM recordings"
                            + " WHERE output_name = 'with-stems'");
        }
        Run first = cli("analyze-missing");
        assertEquals(0, first.exit(), first.err());
        assertEquals("queued 1 analyses", first.out().strip());
        assertEquals(
                "queued 0 analyses",
                cli("analyze-missing").out().strip(),
                "one pending analysis per recording");
    }

    @Test
    void an_unreadable_legacy_config_fails_naming_the_file_and_line_and_writes_nothing()
            throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("legacy");
        java.nio.file.Path config = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(
                config, "profiles:\n  - name: band\n    source_folder: [unclosed\n");
        java.nio.file.Files.createDirectories(dir.resolve("media"));
        Run bad =
                cli(
                        "import-legacy",
                        "--config",
                        config.toString(),
                        "--media",
                        dir.resolve("media").toString());
        assertEquals(1, bad.exit(), bad.err());
        assertTrue(bad.err().contains("bad.yaml line "), bad.err());
        assertTrue(
                !bad.err().contains("Usage:"),
                "a bad file is a failure, not a misused command: " + bad.err());

        Run missing =
                cli(
                        "import-legacy",
                        "--config",
                        dir.resolve("nope.yaml").toString(),
                        "--media",
                        dir.resolve("media").toString());
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("nope.yaml does not exist"), missing.err());
        assertEquals(List.of(), audit());
    }

    @Test
    void a_missing_media_folder_is_refused_before_any_profile_is_written() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("legacy");
        java.nio.file.Path config = dir.resolve("config.yaml");
        java.nio.file.Files.writeString(
                config, "profiles:\n  - name: band\n    source_folder: /srv/band\n");
        Run run =
                cli(
                        "import-legacy",
                        "--config",
                        config.toString(),
                        "--media",
                        dir.resolve("no-media").toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("no-media does not exist or is not a folder"), run.err());
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM profiles")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no profile was written");
        }
    }

    @Test
    void a_misused_command_exits_2_with_its_usage_and_an_unknown_option_is_named() {
        Run unknown = cli("grant", "band", "a@example.com", "--everywhere");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("--everywhere"), unknown.err());
        assertTrue(unknown.err().contains("Usage: java -jar stemvault.jar grant"), unknown.err());
        Run noName = cli("mint-worker-token");
        assertEquals(2, noName.exit());
        assertTrue(noName.err().contains("--name"), noName.err());
    }
}
