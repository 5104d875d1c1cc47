package org.stemvault.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The pull protocol, over HTTP: claim, read the source, write outputs, heartbeat, complete, fail,
 * release. Transient trouble (no connection, a timeout, 429, 502, 503, 504) is retried with a
 * doubling pause up to {@link Retries#attempts}; 409 means the worker holds the job no more ({@link
 * Lost}); any other refusal is a {@link Failure} with the service's {@code detail}.
 */
final class ServiceClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<Integer> TRANSIENT = Set.of(429, 502, 503, 504);

    /** How often and how patiently a request is tried again. */
    record Retries(int attempts, Duration firstPause, Duration longestPause) {}

    /** The worker holds the job no more (its lease ran out, or an admin cancelled it). */
    static final class Lost extends RuntimeException {
        Lost(String what) {
            super(what);
        }
    }

    /** A claimed job as the service described it. */
    record Claim(JsonNode json) {
        String id() {
            return json.path("job_id").asText();
        }

        String text(String field) {
            JsonNode v = json.path(field);
            return v.isMissingNode() || v.isNull() ? null : v.asText();
        }

        /** Where a file the job leaves goes: its presigned link, else the service's endpoint. */
        String outputUrl(String file) {
            JsonNode link = json.path("output_urls").path(file);
            return link.isTextual() ? link.asText() : text("output_url").replace("{file}", file);
        }
    }

    private final URI server;
    private final String token;
    private final Retries retries;
    private final Log log;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();

    private final String kinds;

    ServiceClient(URI server, String token, Retries retries, Log log) {
        this(server, token, retries, log, null);
    }

    /** {@code kinds}: the kinds of job to claim, comma-separated; null for separations only. */
    ServiceClient(URI server, String token, Retries retries, Log log, String kinds) {
        this.kinds = kinds;
        this.server = server;
        this.token = token;
        this.retries = retries;
        this.log = log;
    }

    /** The oldest due job, now held by this worker; empty when the queue is empty. */
    Optional<Claim> claim() throws InterruptedException {
        HttpResponse<String> r =
                send(
                        post(
                                "/api/worker/jobs/claim"
                                        + (kinds == null
                                                ? ""
                                                : "?kinds="
                                                        + URLEncoder.encode(
                                                                kinds, StandardCharsets.UTF_8)),
                                null),
                        HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 204) {
            return Optional.empty();
        }
        return Optional.of(new Claim(read(r.body())));
    }

    void download(Claim job, Path to) throws InterruptedException {
        send(request(job.text("source_url")).GET().build(), HttpResponse.BodyHandlers.ofFile(to));
    }

    /** A file the service named (a render's stem), to {@code to}. */
    void fetch(String url, Path to) throws InterruptedException {
        send(request(url).GET().build(), HttpResponse.BodyHandlers.ofFile(to));
    }

    /** A JSON body to a URL the service gave (a render's {@code rendered_url}). */
    void postJson(String url, JsonNode body) throws InterruptedException {
        send(post(url, body), HttpResponse.BodyHandlers.ofString());
    }

    void upload(Claim job, String file, Path content) throws InterruptedException {
        try {
            send(
                    request(job.outputUrl(file))
                            .timeout(Duration.ofMinutes(30))
                            .header("Content-Type", "application/octet-stream")
                            .PUT(HttpRequest.BodyPublishers.ofFile(content))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (FileNotFoundException e) {
            throw new Failure("the output " + file + " vanished before its upload");
        }
    }

    /** Progress, which extends the lease. */
    void heartbeat(Claim job, String stage, int percent) throws InterruptedException {
        var body = JSON.createObjectNode().put("stage", stage).put("percent", percent);
        send(post(job.text("heartbeat_url"), body), HttpResponse.BodyHandlers.ofString());
    }

    void complete(Claim job, JsonNode completion) throws InterruptedException {
        send(post(job.text("complete_url"), completion), HttpResponse.BodyHandlers.ofString());
    }

    /** A failed attempt; answers the job's status afterwards ({@code queued} or {@code error}). */
    String fail(Claim job, String error) throws InterruptedException {
        var body = JSON.createObjectNode().put("error", error);
        return read(send(post(job.text("fail_url"), body), HttpResponse.BodyHandlers.ofString())
                        .body())
                .path("status")
                .asText();
    }

    /** Hands a job back uncounted (this worker is stopping). */
    void release(Claim job) throws InterruptedException {
        String url = job.text("release_url");
        send(
                post(url != null ? url : "/api/worker/jobs/" + job.id() + "/release", null),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest post(String url, JsonNode body) {
        try {
            return request(url)
                    .header("Content-Type", "application/json")
                    .POST(
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(
                                            JSON.writeValueAsBytes(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request to a URL the service gave: relative ones are the service's own and carry the token;
     * absolute ones elsewhere (a bucket's presigned link) carry no credential of ours.
     */
    private HttpRequest.Builder request(String url) {
        URI target = server.resolve(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(5));
        if (sameOrigin(target)) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private boolean sameOrigin(URI target) {
        return target.getScheme().equalsIgnoreCase(server.getScheme())
                && target.getHost().equalsIgnoreCase(server.getHost())
                && target.getPort() == server.getPort();
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws InterruptedException {
        Duration pause = retries.firstPause();
        for (int attempt = 1; ; attempt++) {
            String trouble;
            try {
                HttpResponse<T> r = http.send(request, body);
                int status = r.statusCode();
                if (status < 300) {
                    return r;
                }
                if (status == 409) {
                    throw new Lost(describe(request, r));
                }
                if (!TRANSIENT.contains(status)) {
                    throw new Failure(describe(request, r), status);
                }
                trouble = "HTTP " + status;
            } catch (IOException e) {
                trouble =
                        e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt >= retries.attempts()) {
                throw new Failure(
                        request.method()
                                + " "
                                + request.uri().getPath()
                                + " failed "
                                + attempt
                                + " times: "
                                + trouble);
            }
            log.line(
                    "retry",
                    request.method()
                            + " "
                            + request.uri().getPath()
                            + " ("
                            + trouble
                            + "), again in "
                            + pause.toMillis()
                            + " ms");
            Thread.sleep(pause.toMillis());
            pause = min(pause.multipliedBy(2), retries.longestPause());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String describe(HttpRequest request, HttpResponse<?> r) {
        String detail = "";
        if (r.body() instanceof String s && !s.isBlank()) {
            try {
                JsonNode problem = JSON.readTree(s);
                detail = problem.path("detail").asText(s);
            } catch (IOException notJson) {
                detail = s;
            }
        }
        return request.method()
                + " "
                + request.uri().getPath()
                + ": HTTP "
                + r.statusCode()
                + (detail.isBlank() ? "" : " " + Tail.of(detail, 5));
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new Failure(
                    "the service answered something that is not JSON: " + Tail.of(body, 3));
        }
    }
}
