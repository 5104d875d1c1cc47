package org.stemvault.textmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.stemvault.domain.search.TextEmbedder;
import org.stemvault.domain.search.Vector;

/**
 * Text embeddings from an OpenAI-compatible endpoint ({@code POST <base>/embeddings} with {@code
 * {"model", "input"}}, answering {@code {"data": [{"embedding": [...]}]}}), for people who prefer a
 * hosted or self-hosted model to the built-in one. A failure throws, and the queue retries the job
 * later.
 */
public final class OpenAiCompatibleTextEmbedder implements TextEmbedder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final int dimensions;

    public OpenAiCompatibleTextEmbedder(
            String baseUrl, String apiKey, String model, int dimensions) {
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/embeddings");
        this.apiKey = apiKey;
        this.model = model;
        this.dimensions = dimensions;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public Vector embed(String text) {
        try {
            String body =
                    JSON.writeValueAsString(
                            JSON.createObjectNode()
                                    .put("model", model)
                                    .put(
                                            "input",
                                            text == null || text.isBlank() ? "(untitled)" : text));
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body));
            if (apiKey != null && !apiKey.isBlank()) {
                request.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "embeddings endpoint answered HTTP " + response.statusCode());
            }
            JsonNode embedding =
                    JSON.readTree(response.body()).path("data").path(0).path("embedding");
            if (!embedding.isArray() || embedding.size() != dimensions) {
                throw new IllegalStateException(
                        "embeddings endpoint answered "
                                + embedding.size()
                                + " dimensions, the space has "
                                + dimensions);
            }
            float[] values = new float[dimensions];
            for (int i = 0; i < dimensions; i++) {
                values[i] = (float) embedding.get(i).asDouble();
            }
            return Vector.of(values);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "embeddings endpoint unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
