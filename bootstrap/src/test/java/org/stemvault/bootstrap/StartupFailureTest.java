package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stemvault.postgres.TestDatabase;

/**
 * The real main, in a child JVM: a start-up that cannot work ends at once with exit code 1 and one
 * clear line.
 */
class StartupFailureTest {

    record Outcome(int exitCode, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    static Outcome start(Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = ChildJvm.command(List.of(), Application.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .keySet()
                .removeIf(
                        k ->
                                k.startsWith("DATABASE_")
                                        || k.startsWith("STEMVAULT_")
                                        || k.startsWith("MICRONAUT_")
                                        || k.startsWith("GOOGLE_"));
        builder.environment().put("PORT", String.valueOf(Api.freePort()));
        builder.environment().putAll(TestOidc.environment());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "the service did not stop by itself: it should have refused to start");
        }
        return new Outcome(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /**
     * The child's environment: the test database, plus {@code more} (name, value, name, value, …).
     */
    static Map<String, String> withTestDatabase(String... more) {
        Map<String, String> env = new HashMap<>();
        Map<String, String> db = TestDatabase.properties();
        env.put("DATABASE_URL", db.get("datasources.default.url"));
        env.put("DATABASE_USER", db.getOrDefault("datasources.default.username", ""));
        env.put("DATABASE_PASSWORD", db.getOrDefault("datasources.default.password", ""));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    static void assertRefused(Outcome outcome, String expected) {
        assertEquals(1, outcome.exitCode(), outcome.output());
        assertTrue(outcome.lastLine().startsWith("stemvault: cannot start: "), outcome.output());
        assertTrue(outcome.lastLine().contains(expected), outcome.output());
        assertFalse(outcome.output().contains("\tat "), "no stack trace:\n" + outcome.output());
    }

    @Test
    void an_unreachable_database_is_one_line_naming_it() throws Exception {
        int closed = Api.freePort();
        Outcome outcome =
                start(
                        Map.of(
                                "DATABASE_URL",
                                "postgres://postgres@127.0.0.1:" + closed + "/stemvault",
                                "STEMVAULT_JWT_SECRET",
                                TestApp.JWT_SECRET));
        assertRefused(
                outcome,
                "cannot reach the database at jdbc:postgresql://127.0.0.1:"
                        + closed
                        + "/stemvault");
    }

    @Test
    void a_missing_signing_key_is_one_line_saying_how_to_make_one() throws Exception {
        Outcome outcome = start(withTestDatabase());
        assertRefused(outcome, "STEMVAULT_JWT_SECRET must be set");
    }

    @Test
    void a_short_signing_key_is_refused_too() throws Exception {
        Outcome outcome = start(withTestDatabase("STEMVAULT_JWT_SECRET", "too-short"));
        assertRefused(outcome, "at least 32 bytes");
    }

    @Test
    void the_published_development_key_is_refused_outside_the_dev_environment() throws Exception {
        Outcome outcome = start(withTestDatabase("STEMVAULT_JWT_SECRET", RequiredSecrets.DEV_KEY));
        assertRefused(outcome, "published development key");
    }

    @Test
    void missing_oauth_client_credentials_are_one_line() throws Exception {
        Outcome outcome =
                start(
                        withTestDatabase(
                                "STEMVAULT_JWT_SECRET",
                                TestApp.JWT_SECRET,
                                "GOOGLE_CLIENT_ID",
                                ""));
        assertRefused(outcome, "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set");
    }

    @Test
    void an_unreachable_identity_provider_is_one_line_naming_it() throws Exception {
        String issuer = "http://127.0.0.1:" + Api.freePort() + "/google";
        Outcome outcome =
                start(
                        withTestDatabase(
                                "STEMVAULT_JWT_SECRET",
                                TestApp.JWT_SECRET,
                                "GOOGLE_ISSUER",
                                issuer));
        assertRefused(outcome, "cannot read the OpenID provider's discovery document at " + issuer);
    }

    @Test
    void a_database_without_pgvector_that_cannot_create_it_is_one_line_saying_so()
            throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS stemvault_novector");
            s.execute("DROP ROLE IF EXISTS stemvault_plain");
            s.execute("CREATE ROLE stemvault_plain LOGIN PASSWORD 'plain'");
            s.execute("CREATE DATABASE stemvault_novector OWNER stemvault_plain");
        }
        try {
            String url =
                    TestDatabase.url()
                            .replaceFirst("\\?.*$", "")
                            .replaceFirst("/[^/]+$", "/stemvault_novector");
            Outcome outcome =
                    start(
                            Map.of(
                                    "DATABASE_URL",
                                    url,
                                    "DATABASE_USER",
                                    "stemvault_plain",
                                    "DATABASE_PASSWORD",
                                    "plain",
                                    "STEMVAULT_JWT_SECRET",
                                    TestApp.JWT_SECRET));
            assertRefused(
                    outcome, "extension 'vector' (pgvector) is missing and cannot be created");
        } finally {
            try (Connection c = TestDatabase.connect();
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS stemvault_novector");
                s.execute("DROP ROLE IF EXISTS stemvault_plain");
            } catch (SQLException ignored) {
                // best effort: the next run drops them first anyway
            }
        }
    }
}
