package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.files.legacy.LegacyFixture;

/**
 * The newest web client of the system we replace (sastraxi/stemset 0001501), end to end in headless
 * Chromium: a test page makes its exact requests in its order (sign-in ending in the {@code
 * #token=} fragment; every call with the bearer beside the same-origin cookie; player settings,
 * place and date, song and clip, the clip, song and Clips-tab reads, rename; an upload that is
 * listed at once and polled until the stand-in push worker completes it with the {@code
 * ProcessingCallbackPayload} of the system we replace; delete; logout). Every answer is checked
 * against its {@code types.gen.ts} type ({@link ClientTypes}), and the console stays free of
 * errors.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewestClientTest implements TestPropertyProvider {

    static final int PORT = Api.freePort();
    static final String BASE = "http://localhost:" + PORT;
    static final Path MEDIA = JobsTest.tempDir();
    static final Path PAGE = page();
    static final ObjectMapper JSON = new ObjectMapper();

    final StandInPushWorker worker = new StandInPushWorker(MEDIA);

    /** The band's Drive folder, in the stand-in Drive. */
    static final StandInDrive DRIVE = DriveTest.drive();

    static {
        DRIVE.folder("root1", "Rehearsals", "mydrive");
        DRIVE.folder("sub1", "March", "root1");
        DRIVE.file("take1", "Drive take.wav", "root1", LegacyFixture.wav(0.7, 8000));
    }

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    WebDriver browser;

    static Path page() {
        try (InputStream page =
                NewestClientTest.class.getResourceAsStream("/newest-client/index.html")) {
            Path dir = Files.createTempDirectory("stemvault-newest-client");
            Files.write(dir.resolve("index.html"), page.readAllBytes());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("micronaut.server.port", String.valueOf(PORT));
        properties.put("stemvault.auth.frontend-url", BASE + "/");
        properties.put("stemvault.web.dir", PAGE.toString());
        properties.put("stemvault.media.root", MEDIA.toString());
        properties.put("stemvault.worker.url", worker.url());
        properties.put("stemvault.worker.poll-interval", "200ms");
        properties.put("stemvault.drive.token-keys", "k1:" + DriveTest.KEY);
        properties.put("stemvault.drive.api-url", DRIVE.root());
        properties.put("stemvault.drive.list-interval", "1h");
        properties.put("stemvault.drive.maintain-interval", "1h");
        return properties;
    }

    @BeforeAll
    void seedAndOpenBrowser() throws IOException {
        seed.reset();
        Profile band = seed.profile("band");
        seed.memberOf(band, "drummer@example.com");
        Path old = Files.createDirectories(MEDIA.resolve("band/friday"));
        Files.write(old.resolve("vocals.wav"), LegacyFixture.wav(0.5, 8000));
        seed.take(
                band,
                "friday",
                0,
                new Stem(
                        new StemType("vocals"),
                        -20.0,
                        0.9,
                        1.0,
                        new MediaFileName("vocals.wav"),
                        new MediaFileName("vocals_waveform.png"),
                        Files.size(old.resolve("vocals.wav")),
                        0.5));
        browser = Api.chromium();
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
        worker.close();
        DRIVE.close();
    }

    String state() {
        return browser.findElement(By.id("state")).getText();
    }

    /** Runs {@code window.flow.<call>} in the page; a rejected promise fails the test. */
    @SuppressWarnings("unchecked")
    Map<String, Object> flow(String call) {
        Object result =
                ((JavascriptExecutor) browser)
                        .executeAsyncScript(
                                "const done = arguments[arguments.length - 1];"
                                        + " window.flow."
                                        + call
                                        + ".then(r => done({ok: r}), e => done({error:"
                                        + " String(e.message)}));");
        Map<String, Object> answer = (Map<String, Object>) result;
        assertFalse(answer.containsKey("error"), call + ": " + answer.get("error"));
        Object ok = answer.get("ok");
        return ok instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of("value", ok);
    }

    @Test
    void the_newest_client_signs_in_practises_uploads_deletes_and_signs_out_unchanged()
            throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.withMessage(() -> "url " + browser.getCurrentUrl() + ", state: " + state());
        browser.get(BASE + "/auth/login");
        wait.until(d -> d.getCurrentUrl().startsWith(TestOidc.issuer() + "/authorize"));
        browser.findElement(By.id("email")).sendKeys("drummer@example.com");
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> state().startsWith("signed in"));
        assertEquals("signed in as drummer@example.com in band with 1 recordings", state());
        assertEquals(BASE + "/", browser.getCurrentUrl(), "the page removed the fragment");
        assertNotNull(
                ((JavascriptExecutor) browser)
                        .executeScript("return localStorage.getItem('stemset.token')"),
                "the client keeps the token from the fragment");

        Map<String, Object> practised = flow("practise('band', 'friday')");

        // Google Drive: the member grants access (Google's consent, here the provider's page),
        // comes back to the client, and uses its Drive screens unchanged
        browser.get(BASE + "/auth/drive/connect");
        wait.until(d -> d.getCurrentUrl().startsWith(TestOidc.issuer() + "/authorize"));
        assertTrue(
                browser.getCurrentUrl().contains("access_type=offline"), browser.getCurrentUrl());
        browser.findElement(By.id("email")).sendKeys("drummer@example.com");
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> state().startsWith("signed in"));
        assertEquals(BASE + "/?drive=connected", browser.getCurrentUrl());
        JsonNode drive = JSON.valueToTree(flow("drive('band')"));
        assertEquals("root1", drive.path("folder").asText(), drive.toString());
        assertEquals("processing", drive.at("/imported/status").asText(), drive.toString());
        assertTrue(drive.path("listed").asBoolean(), "the import is listed at once: " + drive);
        assertTrue(drive.path("is_imported").asBoolean(), drive.toString());
        assertEquals(
                drive.at("/imported/output_name").asText(), drive.path("recording_name").asText());
        String id = (String) practised.get("id");

        browser.navigate().refresh();
        wait.until(d -> state().startsWith("signed in"));
        JsonNode reopened = JSON.valueToTree(flow("reopen('" + id + "')"));
        assertEquals(0.5, reopened.at("/config/stems/vocals/gain").asDouble(), reopened.toString());
        assertEquals(12.5, reopened.at("/config/playbackPosition/position").asDouble());
        assertEquals("The Attic", reopened.at("/location/name").asText());
        assertEquals("2026-11-27", reopened.path("date_recorded").asText());
        assertEquals("Friday, the good one", reopened.path("display_name").asText());

        worker.clipBoundaries =
                "{\"a1\": {\"start_time_sec\": 0.0, \"end_time_sec\": 0.2},"
                        + " \"b2\": {\"start_time_sec\": 0.2, \"end_time_sec\": 0.5}}";
        worker.hold = new CountDownLatch(1);
        Path take = Files.createTempDirectory("take").resolve("Sunday jam.wav");
        Files.write(take, LegacyFixture.wav(1.5, 8000));
        browser.findElement(By.id("file")).sendKeys(take.toString());
        Thread release =
                new Thread(
                        () -> {
                            try {
                                Thread.sleep(2000);
                            } catch (InterruptedException ignored) {
                                Thread.currentThread().interrupt();
                            }
                            worker.hold.countDown();
                        });
        release.start();
        JsonNode uploaded = JSON.valueToTree(flow("upload('band')"));
        release.join();
        assertEquals("processing", uploaded.at("/seen/0").asText(), uploaded.toString());
        assertEquals("complete", uploaded.at("/recording/status").asText(), uploaded.toString());
        assertEquals(4, uploaded.at("/recording/stems").size());
        String fresh = uploaded.path("id").asText();
        JsonNode sections =
                JSON.readTree(
                        Api.call(
                                        server,
                                        "GET",
                                        "/api/recordings/" + fresh + "/clips",
                                        token(),
                                        null)
                                .body());
        assertEquals(2, sections.size(), "the worker's clip boundaries became clips");
        assertEquals("Section 1", sections.get(0).path("display_name").asText());
        assertEquals(0.5, sections.get(1).path("end_time_sec").asDouble(), 1e-9);

        assertEquals(false, flow("remove('band', '" + fresh + "')").get("value"));
        assertEquals(false, flow("logout()").get("authenticated"));

        List<String> problems = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> answers =
                (List<Map<String, Object>>)
                        ((JavascriptExecutor) browser).executeScript("return window.answers");
        for (Map<String, Object> answer : answers) {
            String type = (String) answer.get("name");
            long status = ((Number) answer.get("status")).longValue();
            String what = answer.get("method") + " " + answer.get("url");
            if (status / 100 != 2) {
                problems.add(what + " answered " + status + ": " + answer.get("body"));
            } else if (type.equals("null") || type.equals("void")) {
                if (answer.get("body") != null) {
                    problems.add(what + " answered a body: " + answer.get("body"));
                }
            } else {
                for (String p : ClientTypes.check(type, JSON.valueToTree(answer.get("body")))) {
                    problems.add(what + ": " + p);
                }
            }
        }
        assertTrue(answers.size() > 25, "the whole flow was recorded: " + answers.size());
        assertEquals(List.of(), problems);
        assertEquals(
                List.of(),
                browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(
                                e ->
                                        e.getLevel().intValue()
                                                >= java.util.logging.Level.WARNING.intValue())
                        .map(LogEntry::getMessage)
                        .toList(),
                "no console error or warning");
    }

    /** A session of the member's own, for reads beside the browser's. */
    String token() {
        return seed.token(seed.user("drummer@example.com"));
    }
}
