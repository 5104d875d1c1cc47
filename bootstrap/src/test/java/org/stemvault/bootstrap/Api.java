package org.stemvault.bootstrap;

import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * How the end-to-end tests call the running service: JSON over HTTP with a bearer token, or a real
 * browser.
 */
final class Api {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private Api() {}

    /** The content type of {@link #multipart} bodies. */
    static final String MULTIPART = "multipart/form-data; boundary=stemvault-test-boundary";

    /**
     * A multipart/form-data body with one file in the field {@code data}, as a browser's FormData
     * sends it; its bytes are the string's ISO-8859-1 characters.
     */
    static String multipart(String filename, byte[] content) {
        return "--stemvault-test-boundary\r\n"
                + "Content-Disposition: form-data; name=\"data\"; filename=\""
                + filename
                + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + new String(content, java.nio.charset.StandardCharsets.ISO_8859_1)
                + "\r\n--stemvault-test-boundary--\r\n";
    }

    /** Sends a {@link #multipart} body. */
    static HttpResponse<String> upload(
            EmbeddedServer server, String path, String bearer, String filename, byte[] content)
            throws IOException, InterruptedException {
        return uploadBody(server, path, bearer, multipart(filename, content));
    }

    /**
     * Sends {@code body} (ISO-8859-1 characters, as {@link #multipart} writes) as
     * multipart/form-data with {@link #MULTIPART}'s boundary, whatever it holds.
     */
    static HttpResponse<String> uploadBody(
            EmbeddedServer server, String path, String bearer, String body)
            throws IOException, InterruptedException {
        return uploadBody(server, path, bearer, MULTIPART, body);
    }

    /** {@link #uploadBody} with a Content-Type of the caller's, whatever it says. */
    static HttpResponse<String> uploadBody(
            EmbeddedServer server, String path, String bearer, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .POST(
                                HttpRequest.BodyPublishers.ofByteArray(
                                        body.getBytes(
                                                java.nio.charset.StandardCharsets.ISO_8859_1)))
                        .header("Content-Type", contentType);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A loopback port nobody listens on right now. */
    static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One request; {@code bearer} and {@code json} may be null; {@code headers} are more headers,
     * name then value.
     */
    static HttpResponse<String> call(
            EmbeddedServer server,
            String method,
            String path,
            String bearer,
            String json,
            String... headers)
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
        if (headers.length > 0) {
            request.headers(headers);
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
            options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
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

    /**
     * What Chromium's console said about the content security policy since the last call: one line
     * per thing the policy blocked, none when every page ran untouched by it.
     */
    static List<String> policyViolations(WebDriver chromium) {
        return chromium.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    /**
     * A profiles answer without each profile's {@code id} and Drive fields (none connected), for
     * tests that compare names and folders as text.
     */
    static String profilesShown(String body) {
        return body.replaceAll(
                ",\"id\":\"[0-9a-f-]{36}\",\"google_drive_folder_id\":null,\"drive_status\":null",
                "");
    }
}
