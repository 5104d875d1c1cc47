package org.stemvault.bootstrap;

import org.stemvault.bootstrap.cli.Cli;

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
import org.stemvault.postgres.TestDatabase;

/** The operator's command line, so the first admin can be set up on a server with no browser. */
class CliTest {

    record Run(int exit, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, Object> properties = new HashMap<>(TestApp.properties());
        int exit = Cli.run(List.of(args), properties, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<String> audit() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT actor || ' ' || action FROM audit_log ORDER BY at, id")) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    @BeforeAll
    static void migrate() {
        assertEquals(0, cli("worker-tokens").exit(), "the command line migrates the schema like the service");
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
        assertTrue(members.out().contains("drummer@example.com  (not signed in yet)  since "), members.out());

        assertEquals(0, cli("revoke", "band", "drummer@example.com").exit());
        assertEquals("", cli("members", "band").out());
        assertEquals(List.of("cli profile.create", "cli role.admin", "cli grant", "cli revoke"), audit());
    }

    @Test
    void worker_tokens_are_minted_listed_and_revoked() {
        Run minted = cli("mint-worker-token", "--name", "scanner", "--days", "30");
        assertEquals(0, minted.exit(), minted.err());
        String id = minted.out().lines().filter(l -> l.startsWith("id: ")).findFirst().orElseThrow().substring(4);
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
}
