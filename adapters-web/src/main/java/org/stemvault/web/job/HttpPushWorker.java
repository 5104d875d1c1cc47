package org.stemvault.web.job;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stemvault.application.job.PushWorker;

/**
 * The push worker over HTTP: {@code POST <worker url>} with the payload the system we replace sent
 * its serverless GPU worker, {@code {"job_id", "profile_name", "strategy_name", "input_key",
 * "output_name", "output_config": {"format", "bitrate"}, "callback_url"}}; any 2xx answer means the
 * worker took the job.
 */
public final class HttpPushWorker implements PushWorker {

    private final URI url;
    private final Duration timeout;
    private final JsonMapper json;
    private final HttpClient http;

    public HttpPushWorker(URI url, Duration timeout, JsonMapper json) {
        this.url = url;
        this.timeout = timeout;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void send(Request r) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", r.jobId());
        body.put("profile_name", r.profileName());
        body.put("strategy_name", r.strategyName());
        body.put("input_key", r.inputKey());
        body.put("output_name", r.outputName());
        body.put("output_config", Map.of("format", r.format(), "bitrate", r.bitrate()));
        body.put("callback_url", r.callbackUrl());
        try {
            HttpResponse<String> answer =
                    http.send(
                            HttpRequest.newBuilder(url)
                                    .timeout(timeout)
                                    .header("Content-Type", "application/json")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofByteArray(
                                                    json.writeValueAsBytes(body)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                String text = answer.body();
                throw new Refused(
                        "HTTP "
                                + answer.statusCode()
                                + (text == null || text.isBlank()
                                        ? ""
                                        : ": " + text.substring(0, Math.min(200, text.length()))));
            }
        } catch (IOException e) {
            throw new Refused(
                    e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
    }
}
