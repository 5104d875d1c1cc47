package org.stemvault.bootstrap;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stemvault.files.legacy.LegacyFixture;

/**
 * A test stand-in for the push worker of the system we replace (a serverless GPU function): it
 * takes the job payload, reads the source from the shared media folder, writes four stems that are
 * plain test tones (it separates nothing), their waveform images and {@code metadata.json} in the
 * legacy layout, then POSTs {@code {"job_id", "status", "stems", "error"}} to the callback URL, or,
 * with {@link #clipBoundaries} set, the {@code ProcessingCallbackPayload} of the system we replace
 * ({@code status}, {@code stems} as objects, {@code error}, {@code clip_boundaries}). Loopback
 * only.
 */
final class StandInPushWorker implements AutoCloseable {

    static final List<String> STEMS = List.of("vocals", "drums", "bass", "other");

    private final HttpServer server;
    private final Path media;
    private final HttpClient http = HttpClient.newHttpClient();

    /** How many sends to refuse (503) before taking one. */
    final AtomicInteger refusals = new AtomicInteger();

    /** The payloads sent, as received. */
    final List<String> received = new CopyOnWriteArrayList<>();

    /** False: take jobs and never call back. */
    volatile boolean callBack = true;

    /**
     * The {@code clip_boundaries} object to send in a {@code ProcessingCallbackPayload}; null: the
     * short payload.
     */
    volatile String clipBoundaries;

    /** Work waits for this before calling back (open unless a test closes it). */
    volatile java.util.concurrent.CountDownLatch hold = new java.util.concurrent.CountDownLatch(0);

    StandInPushWorker(Path media) {
        this.media = media;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/separate",
                exchange -> {
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    received.add(body);
                    boolean refuse = refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
                    exchange.sendResponseHeaders(refuse ? 503 : 202, -1);
                    exchange.close();
                    if (!refuse && callBack) {
                        new Thread(() -> work(body)).start();
                    }
                });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/separate";
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private void work(String payload) {
        try {
            hold.await();
            byte[] source = Files.readAllBytes(media.resolve(field(payload, "input_key")));
            if (source.length == 0) {
                throw new IllegalStateException("empty source");
            }
            Path folder =
                    Files.createDirectories(
                            media.resolve(field(payload, "profile_name"))
                                    .resolve(field(payload, "output_name")));
            StringBuilder stems = new StringBuilder();
            for (String type : STEMS) {
                Files.write(folder.resolve(type + ".wav"), LegacyFixture.wav(0.5, 8000));
                Files.write(
                        folder.resolve(type + "_waveform.png"),
                        new byte[] {(byte) 0x89, 'P', 'N', 'G'});
                stems.append(stems.length() == 0 ? "" : ",")
                        .append('"')
                        .append(type)
                        .append("\": {\"stem_type\": \"")
                        .append(type)
                        .append("\", \"measured_lufs\": -20.5, \"peak_amplitude\": 0.7,")
                        .append(" \"stem_gain_adjustment_db\": -2.5, \"stem_url\": \"")
                        .append(type)
                        .append(".wav\", \"waveform_url\": \"")
                        .append(type)
                        .append("_waveform.png\"}");
            }
            Files.writeString(folder.resolve("metadata.json"), "{\"stems\": {" + stems + "}}");
            String boundaries = clipBoundaries;
            String body =
                    boundaries == null
                            ? "{\"job_id\":\""
                                    + field(payload, "job_id")
                                    + "\",\"status\":\"complete\",\"stems\":[\"vocals\",\"drums\",\"bass\",\"other\"],"
                                    + "\"error\":null}"
                            : "{\"status\":\"complete\",\"stems\":["
                                    + STEMS.stream()
                                            .map(
                                                    t ->
                                                            "{\"stem_type\":\""
                                                                    + t
                                                                    + "\",\"measured_lufs\":-20.5,"
                                                                    + "\"peak_amplitude\":0.7,"
                                                                    + "\"stem_gain_adjustment_db\":-2.5,"
                                                                    + "\"audio_url\":\""
                                                                    + t
                                                                    + ".wav\",\"waveform_url\":\""
                                                                    + t
                                                                    + "_waveform.png\",\"file_size_bytes\":1,"
                                                                    + "\"duration_seconds\":0.5}")
                                            .collect(java.util.stream.Collectors.joining(","))
                                    + "],\"error\":null,\"clip_boundaries\":"
                                    + boundaries
                                    + "}";
            // a worker retries its callback while the service cannot be reached (a restart, say)
            HttpRequest callback =
                    HttpRequest.newBuilder(URI.create(field(payload, "callback_url")))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
            for (int attempt = 0; attempt < 60; attempt++) {
                try {
                    if (http.send(callback, HttpResponse.BodyHandlers.discarding()).statusCode()
                            < 500) {
                        return;
                    }
                } catch (IOException unreachable) {
                    // not up (yet): try again
                }
                Thread.sleep(500);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw new IllegalStateException("the stand-in worker failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
