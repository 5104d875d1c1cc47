package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stemvault.postgres.TestDatabase;

/**
 * A person signing in: headless Chromium opens /auth/login, signs in on the development provider's
 * page, lands on the frontend, and /auth/status in that browser names them.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserSignInTest implements TestPropertyProvider {

    static final int PORT = Api.freePort();
    static final String BASE = "http://localhost:" + PORT;
    static final String FRONTEND = BASE + "/auth/status?from=login";

    @Inject EmbeddedServer server;

    WebDriver browser;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("micronaut.server.port", String.valueOf(PORT));
        properties.put("stemvault.auth.frontend-url", FRONTEND);
        return properties;
    }

    @BeforeAll
    void openBrowser() throws IOException {
        TestDatabase.truncateAll();
        browser = Api.chromium();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void a_person_signs_in_at_the_development_provider_and_the_service_knows_them() {
        browser.get(BASE + "/auth/login");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> d.getCurrentUrl().startsWith(TestOidc.issuer() + "/authorize"));
        browser.findElement(By.id("email")).sendKeys("Browser.User@Example.com");
        browser.findElement(By.id("name")).sendKeys("Browser User");
        browser.findElement(By.id("sign-in")).click();

        wait.until(d -> d.getCurrentUrl().startsWith(FRONTEND + "#token="));
        browser.get(BASE + "/auth/status");
        String status = browser.findElement(By.tagName("body")).getText();
        assertTrue(status.contains("\"authenticated\":true"), status);
        assertTrue(status.contains("\"email\":\"browser.user@example.com\""), status);
        assertTrue(status.contains("\"name\":\"Browser User\""), status);
    }
}
