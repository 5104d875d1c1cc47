package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.user.Email;
import org.stemvault.domain.user.Users;
import org.stemvault.postgres.TestDatabase;

/**
 * The admin page at /admin: who sees what, and an admin granting and revoking in a real headless
 * Chromium.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminPageTest implements TestPropertyProvider {

    static final int PORT = Api.freePort();
    static final String BASE = "http://localhost:" + PORT;

    @Inject EmbeddedServer server;
    @Inject Profiles profiles;
    @Inject Users users;
    @Inject Seed seed;
    @Inject Jobs jobs;

    WebDriver browser;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("micronaut.server.port", String.valueOf(PORT));
        properties.put("stemvault.auth.frontend-url", BASE + "/admin");
        properties.put("stemvault.auth.admin-emails", "admin@example.com");
        return properties;
    }

    @BeforeAll
    void seedAndOpenBrowser() throws IOException {
        TestDatabase.truncateAll();
        Profile band =
                profiles.create(
                        Profile.create(new ProfileName("band"), "/src/band", null, Instant.now()));
        AudioFile source = seed.source(band, "ab".repeat(32));
        Job failing =
                Job.queue(
                        band.id(),
                        band.name(),
                        source.id(),
                        new OutputName("take_abababab"),
                        "take.wav",
                        "inputs/band/take_abababab.wav",
                        1,
                        Instant.now());
        jobs.create(failing);
        jobs.claim("some-worker", JobKind.ALL, Instant.now(), Instant.now().plusSeconds(60));
        jobs.fail(failing.id(), "some-worker", "CUDA out of memory", Instant.now(), Instant.now());
        browser = Api.chromium();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    HttpResponse<String> page(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + "/admin")).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void visitors_get_a_sign_in_prompt_and_members_a_plain_403() throws Exception {
        HttpResponse<String> anonymous = page(null);
        assertEquals(200, anonymous.statusCode());
        assertTrue(anonymous.body().contains("href=\"/auth/login\""));
        assertTrue(
                anonymous
                        .headers()
                        .firstValue("Content-Security-Policy")
                        .orElseThrow()
                        .startsWith(
                                "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-"));
        String member =
                seed.token(
                        users.signedIn(new Email("plain@example.com"), "P", null, Instant.now())
                                .id());
        HttpResponse<String> forbidden = page(member);
        assertEquals(403, forbidden.statusCode());
        assertTrue(forbidden.body().contains("Admins only"));
    }

    @Test
    void
            an_admin_signs_in_grants_a_new_email_sees_it_revokes_it_sees_the_audit_and_retries_a_failed_job()
                    throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(BASE + "/admin");
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(TestOidc.issuer() + "/authorize"));
        browser.findElement(By.id("email")).sendKeys("admin@example.com");
        browser.findElement(By.id("sign-in")).click();
        wait.until(d -> d.getCurrentUrl().startsWith(BASE + "/admin"));
        wait.until(d -> d.findElement(By.id("profiles")).getText().contains("band"));

        new Select(browser.findElement(By.id("grant-profile"))).selectByValue("band");
        browser.findElement(By.id("grant-email")).sendKeys("newbie@example.com");
        browser.findElement(By.id("grant-submit")).click();
        wait.until(d -> d.findElement(By.id("members")).getText().contains("newbie@example.com"));

        browser.findElement(
                        By.cssSelector(
                                "#members tr[data-email='newbie@example.com'] button.revoke"))
                .click();
        wait.until(d -> !d.findElement(By.id("members")).getText().contains("newbie@example.com"));
        wait.until(
                d -> {
                    String audit = d.findElement(By.id("audit")).getText();
                    return audit.contains("grant")
                            && audit.contains("revoke")
                            && audit.contains("newbie@example.com");
                });
        wait.until(
                d -> {
                    String queue = d.findElement(By.id("jobs")).getText();
                    return queue.contains("take_abababab")
                            && queue.contains("error")
                            && queue.contains("CUDA out of memory");
                });
        browser.findElement(By.cssSelector("#jobs button.retry")).click();
        wait.until(d -> d.findElement(By.id("jobs")).getText().contains("queued"));
        wait.until(d -> d.findElement(By.id("message")).getText().contains("Queued take_abababab"));

        String drummers = seed.token(seed.user("drummer@example.com"));
        assertEquals(200, profilesAs(drummers), "signed in");
        browser.findElement(By.id("end-sessions-email")).sendKeys("drummer@example.com");
        browser.findElement(By.id("end-sessions-submit")).click();
        wait.until(
                d ->
                        d.findElement(By.id("message"))
                                .getText()
                                .contains("Signed drummer@example.com out of 1 session(s)"));
        wait.until(d -> d.findElement(By.id("audit")).getText().contains("sessions.revoke"));
        assertEquals(401, profilesAs(drummers), "the ended session is refused");
        browser.get(BASE + "/admin");
        wait.until(d -> d.findElement(By.id("profiles")).getText().contains("band"));
        assertEquals(
                List.of(),
                Api.policyViolations(browser),
                "the page's own script and style run under its policy");
    }

    static int profilesAs(String token) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(BASE + "/api/profiles"))
                        .header("Authorization", "Bearer " + token)
                        .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
