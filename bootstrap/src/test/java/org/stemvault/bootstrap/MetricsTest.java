package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.user.User;

/**
 * {@code /prometheus} for the scraper with its token only; after traffic it holds latency by route
 * template (never a profile name from the path), status class, JVM and pool metrics, sign-ins by
 * outcome and reason, and the backlog. Management endpoints other than health and prometheus are
 * not served.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest implements TestPropertyProvider {

    static final String TOKEN = "scrape-token-0123456789";

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject Clock clock;

    /** The service's clock, for this test only: it moves past the gauges' second at once. */
    @Singleton
    @Replaces(Clock.class)
    static final class TestClock extends MovableClock {}

    /** Past the second the backlog gauges reuse a reading for (one moment per scrape). */
    void nextScrapeReadsAgain() {
        ((MovableClock) clock).advance(Duration.ofMillis(1100));
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("stemvault.metrics.token", TOKEN);
        return properties;
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String scrape() throws Exception {
        HttpResponse<String> metrics = get("/prometheus", "Bearer " + TOKEN);
        assertEquals(200, metrics.statusCode(), metrics.body());
        return metrics.body();
    }

    /** The value of the one series whose line starts with {@code series}. */
    static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        assertTrue(m.find(), "no series " + series + " in\n" + scrape);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void only_the_scraper_with_its_token_gets_metrics() throws Exception {
        assertEquals(401, get("/prometheus", null).statusCode());
        assertEquals(401, get("/prometheus", "Bearer " + TOKEN + "x").statusCode());
        assertEquals(401, get("/prometheus", "Basic " + TOKEN).statusCode());
        seed.reset();
        User member = seed.user("member@example.com");
        assertEquals(401, get("/prometheus", "Bearer " + seed.token(member)).statusCode());
        assertEquals(200, get("/prometheus", "Bearer " + TOKEN).statusCode());
    }

    @Test
    void management_endpoints_other_than_health_and_metrics_are_not_served() throws Exception {
        seed.reset();
        User admin = seed.admin("admin@example.com");
        String bearer = "Bearer " + seed.token(admin);
        for (String path :
                List.of(
                        "/beans",
                        "/routes",
                        "/threaddump",
                        "/flyway",
                        "/info",
                        "/metrics",
                        "/env",
                        "/loggers",
                        "/token_info",
                        "/.well-known/oauth-protected-resource")) {
            assertEquals(404, get(path, bearer).statusCode(), path);
        }
        HttpResponse<String> refresh =
                Api.HTTP.send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + "/refresh"))
                                .header("Authorization", bearer)
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertTrue(refresh.statusCode() >= 400 && refresh.statusCode() < 500, refresh.body());
        assertEquals(200, get("/health", null).statusCode());
    }

    @Test
    void traffic_shows_by_route_template_and_status_class_with_jvm_pool_and_domain_metrics()
            throws Exception {
        seed.reset();
        Profile band = seed.profile("hidden-band-name");
        User member = seed.user("member@example.com");
        seed.grant(member, band);
        String token = "Bearer " + seed.token(member);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, get("/api/profiles/hidden-band-name/files", token).statusCode());
        }
        assertEquals(404, get("/api/profiles/no-such-band/files", token).statusCode());
        assertEquals(
                200,
                Api.upload(
                                server,
                                "/api/upload/hidden-band-name",
                                seed.token(member),
                                "take.wav",
                                org.stemvault.files.legacy.LegacyFixture.wav(0.1, 8000))
                        .statusCode());
        // a sign-in refused: the callback's state is not ours (and says so without a stack trace)
        ServiceLog log = new ServiceLog();
        log.listen();
        assertEquals(302, get("/auth/callback/google?state=garbage&code=x", null).statusCode());
        log.assertNoStackTraces();

        nextScrapeReadsAgain();
        String scrape = scrape();
        String files =
                "stemvault_http_server_requests_seconds_count{method=\"GET\","
                        + "route=\"/api/profiles/{profile}/files{?limit,cursor,bpm_min,bpm_max,key,key_related}\",status=\"2xx\"}";
        assertEquals(3.0, value(scrape, files), scrape);
        assertTrue(
                value(
                                scrape,
                                files.replace("_count", "_bucket").substring(0, files.length())
                                        + ",le=\"10.0\"}")
                        <= 3.0);
        assertEquals(
                1.0,
                value(
                        scrape,
                        "stemvault_http_server_requests_seconds_count{method=\"GET\","
                                + "route=\"/api/profiles/{profile}/files{?limit,cursor,bpm_min,bpm_max,key,key_related}\",status=\"4xx\"}"));
        assertFalse(scrape.contains("hidden-band-name"), "no profile name becomes a label");
        assertFalse(scrape.contains("no-such-band"), "no raw path becomes a label");
        assertTrue(scrape.contains("jvm_memory_used_bytes{"), "JVM metrics");
        assertTrue(scrape.contains("hikaricp_connections_active{"), "pool metrics");
        assertEquals(
                1.0,
                value(
                        scrape,
                        "stemvault_logins_total{outcome=\"refused\",reason=\"invalid_state\"}"));
        assertEquals(1.0, value(scrape, "stemvault_jobs{status=\"queued\"}"));
        assertEquals(0.0, value(scrape, "stemvault_jobs_dead_letters"));
        assertTrue(value(scrape, "stemvault_jobs_queue_oldest_seconds") >= 0);
        assertTrue(value(scrape, "stemvault_embedding_queue_depth") >= 0);
        assertTrue(value(scrape, "stemvault_embedding_queue_oldest_seconds") >= 0);
        assertEquals(0.0, value(scrape, "stemvault_media_deletions_pending"));

        // the job claimed and completed by a worker: claim-to-complete time, and the status moves
        String worker = seed.worker("gpu-1").bearer();
        HttpResponse<String> claim =
                Api.call(server, "POST", "/api/worker/jobs/claim", worker, null);
        assertEquals(200, claim.statusCode(), claim.body());
        String jobId = JobsTest.field(claim.body(), "job_id");
        assertEquals(
                201,
                Api.call(
                                server,
                                "PUT",
                                "/api/worker/jobs/" + jobId + "/outputs/vocals.opus",
                                worker,
                                "OPUS!")
                        .statusCode());
        assertEquals(
                201,
                Api.call(
                                server,
                                "PUT",
                                "/api/worker/jobs/" + jobId + "/outputs/vocals.png",
                                worker,
                                "PNG!")
                        .statusCode());
        HttpResponse<String> done =
                Api.call(
                        server,
                        "POST",
                        "/api/worker/jobs/" + jobId + "/complete",
                        worker,
                        AuthorizationMatrixTest.COMPLETION);
        assertEquals(200, done.statusCode(), done.body());
        nextScrapeReadsAgain();
        String after = scrape();
        assertEquals(1.0, value(after, "stemvault_jobs_claim_to_complete_seconds_count"));
        assertEquals(0.0, value(after, "stemvault_jobs{status=\"queued\"}"));
        assertEquals(1.0, value(after, "stemvault_jobs{status=\"complete\"}"));
    }

    static final Path OPERATIONS = Path.of("..", "docs", "operations");

    static String run(String... command) throws Exception {
        Process process =
                new ProcessBuilder(command)
                        .directory(OPERATIONS.toFile())
                        .redirectErrorStream(true)
                        .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }

    @Test
    void the_alert_rules_pass_promtool_and_the_dashboard_and_rules_name_only_served_metrics()
            throws Exception {
        assertTrue(run("promtool", "check", "rules", "alerts.yml").contains("SUCCESS"));
        assertTrue(run("promtool", "test", "rules", "alerts-test.yml").contains("SUCCESS"));

        seed.reset();
        User member = seed.user("member@example.com");
        assertEquals(200, get("/api/profiles", "Bearer " + seed.token(member)).statusCode());
        assertEquals(302, get("/auth/callback/google?state=garbage&code=x", null).statusCode());
        String scrape = scrape();
        String rules = Files.readString(OPERATIONS.resolve("alerts.yml"));
        String dashboard = Files.readString(OPERATIONS.resolve("grafana-dashboard.json"));
        assertTrue(dashboard.trim().startsWith("{") && dashboard.contains("\"panels\""));
        Set<String> named = new TreeSet<>();
        Matcher m =
                Pattern.compile("\\b(?:stemvault|hikaricp|jvm)_[a-z_]+").matcher(rules + dashboard);
        while (m.find()) {
            named.add(m.group());
        }
        assertTrue(named.size() >= 10, named.toString());
        List<String> missing =
                named.stream()
                        .filter(
                                metric ->
                                        !Pattern.compile("(?m)^" + metric + "[{ ]")
                                                .matcher(scrape)
                                                .find())
                        .toList();
        assertEquals(List.of(), missing, "named by the rules or the dashboard, not served");
    }
}
