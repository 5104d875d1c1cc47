package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stemvault.domain.profile.Profile;
import org.stemvault.files.legacy.LegacyFixture;

/**
 * The existing client's Upload page, end to end in headless Chromium: a member signs in, uploads a
 * WAV through the page's own requests (a test page that reproduces them), and while the stand-in
 * push worker holds the job the files list and the player keep working for an existing recording;
 * when the worker calls back, the page's poll sees the job complete and the new recording plays.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientUploadTest implements TestPropertyProvider {

    static final int PORT = Api.freePort();
    static final String BASE = "http://localhost:" + PORT;
    static final Path MEDIA = JobsTest.tempDir();
    static final Path PAGE = page();

    final StandInPushWorker worker = new StandInPushWorker(MEDIA);

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    WebDriver browser;

    static Path page() {
        try (InputStream page = ClientUploadTest.class.getResourceAsStream("/client/index.html")) {
            Path dir = Files.createTempDirectory("stemvault-client");
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
        return properties;
    }

    @BeforeAll
    void seedAndOpenBrowser() throws IOException {
        seed.reset();
        Profile band = seed.profile("band");
        seed.memberOf(band, "drummer@example.com");
        Path old = Files.createDirectories(MEDIA.resolve("band/last-week"));
        Files.write(old.resolve("vocals.wav"), LegacyFixture.wav(0.5, 8000));
        seed.take(
                band,
                "last-week",
                0,
                new org.stemvault.domain.recording.Stem(
                        new org.stemvault.domain.recording.StemType("vocals"),
                        -20.0,
                        0.9,
                        1.0,
                        new org.stemvault.domain.recording.MediaFileName("vocals.wav"),
                        new org.stemvault.domain.recording.MediaFileName("vocals_waveform.png"),
                        Files.size(old.resolve("vocals.wav")),
                        0.5));
        browser = Api.chromium();
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.quit();
        }
        worker.close();
    }

    /**
     * What the page shows, for a failed wait's message, and what the service's threads are doing
     * (an upload once went unanswered for 30 s in a full run: the next time says where it waited).
     */
    String pageState() {
        String page;
        try {
            page =
                    "url "
                            + browser.getCurrentUrl()
                            + ", toast: "
                            + browser.findElement(By.id("toast")).getText();
        } catch (RuntimeException e) {
            page = "url " + browser.getCurrentUrl();
        }
        StringBuilder threads = new StringBuilder();
        Thread.getAllStackTraces()
                .forEach(
                        (thread, stack) -> {
                            if (Arrays.stream(stack)
                                    .anyMatch(f -> f.getClassName().startsWith("org.stemvault"))) {
                                threads.append("\n").append(thread.getName());
                                Arrays.stream(stack)
                                        .limit(40)
                                        .forEach(f -> threads.append("\n    at ").append(f));
                            }
                        });
        return page + "\nservice threads:" + threads;
    }

    @Test
    void a_member_uploads_a_take_and_plays_it_while_existing_recordings_keep_playing()
            throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.withMessage(this::pageState);
        browser.get(BASE + "/auth/login");
        wait.until(d -> d.getCurrentUrl().startsWith(TestOidc.issuer() + "/authorize"));
        browser.findElement(By.id("email")).sendKeys("drummer@example.com");
        browser.findElement(By.id("sign-in")).click();
        // the token rides in the fragment too (the default delivery); this client passes over it
        wait.until(d -> d.getCurrentUrl().startsWith(BASE + "/"));
        wait.until(d -> d.findElement(By.id("files")).getText().contains("last-week"));

        worker.hold = new CountDownLatch(1);
        Path take = Files.createTempDirectory("take").resolve("Friday jam.wav");
        Files.write(take, LegacyFixture.wav(1.5, 8000));
        browser.findElement(By.id("file")).sendKeys(take.toString());
        browser.findElement(By.id("upload")).click();
        wait.until(
                d ->
                        d.findElement(By.id("toast"))
                                .getText()
                                .startsWith("Processing Friday jam.wav"));

        browser.findElement(By.id("refresh")).click();
        clickWhenThere(wait, "#files li[data-name='last-week']");
        wait.until(
                d ->
                        d.findElement(By.id("player-state"))
                                .getText()
                                .equals("playable /media/band/last-week/vocals.wav"));
        assertTrue(
                browser.findElement(By.id("toast")).getText().startsWith("Processing"),
                "the job is still pending while the old recording plays");

        worker.hold.countDown();
        wait.until(
                d ->
                        d.findElement(By.id("toast"))
                                .getText()
                                .equals("Friday jam.wav ready! vocals,drums,bass,other"));
        String files = browser.findElement(By.id("files")).getText();
        assertTrue(files.contains("Friday-jam_") && files.contains("(4 stems)"), files);
        clickWhenThere(wait, "#files li[data-name^='Friday-jam_']");
        wait.until(
                d ->
                        d.findElement(By.id("player-state"))
                                .getText()
                                .startsWith("playable /media/band/Friday-jam_"));
        assertTrue(
                List.of("[]", "")
                        .contains(
                                String.valueOf(
                                        ((org.openqa.selenium.JavascriptExecutor) browser)
                                                .executeScript(
                                                        "return localStorage.getItem('pendingJobs')"))),
                "no job is left pending in the page");
    }

    /**
     * Clicks the element once the page has (re)drawn it: the list is replaced whenever it is
     * refreshed.
     */
    static void clickWhenThere(WebDriverWait wait, String css) {
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(
                        d -> {
                            d.findElement(By.cssSelector(css)).click();
                            return true;
                        });
    }
}
