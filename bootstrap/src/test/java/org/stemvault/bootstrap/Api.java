package org.stemvault.bootstrap;

import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * How the end-to-end tests call the running service: JSON over HTTP with a bearer token, or a real
 * browser.
 */
final class Api {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Api() {}

    /** A loopback port nobody listens on right now. */
    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One request; {@code bearer} and {@code json} may be null. */
    static HttpResponse<String> call(
            EmbeddedServer server, String method, String path, String bearer, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json))
                        .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Debian's headless Chromium through its ChromeDriver, with a fresh profile and no background
     * networking.
     */
    static WebDriver chromium() {
        try {
            ChromeOptions options = new ChromeOptions();
            options.setBinary("/usr/bin/chromium");
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--user-data-dir=" + Files.createTempDirectory("chromium").toAbsolutePath());
            return new ChromeDriver(
                    new ChromeDriverService.Builder()
                            .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                            .usingAnyFreePort()
                            .build(),
                    options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
