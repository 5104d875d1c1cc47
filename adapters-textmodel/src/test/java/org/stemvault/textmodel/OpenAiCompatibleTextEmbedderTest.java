package org.stemvault.textmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible adapter against an HTTP server on loopback that speaks the embeddings
 * protocol.
 */
class OpenAiCompatibleTextEmbedderTest {

    HttpServer server;
    final AtomicReference<String> lastBody = new AtomicReference<>();
    final AtomicReference<String> lastAuth = new AtomicReference<>();
    volatile String answer = "{\"data\":[{\"embedding\":[0.5,-0.25,1.0]}]}";
    volatile int status = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/v1/embeddings",
                exchange -> {
                    lastBody.set(
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8));
                    lastAuth.set(exchange.getRequestHeaders().getFirst("Authorization"));
                    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    OpenAiCompatibleTextEmbedder embedder(int dimensions) {
        return new OpenAiCompatibleTextEmbedder(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/",
                "sk-test",
                "text-embedding-3-small",
                dimensions);
    }

    @Test
    void it_posts_model_and_input_with_the_key_and_reads_the_vector() {
        assertArrayEquals(
                new float[] {0.5f, -0.25f, 1.0f}, embedder(3).embed("Tuesday jam").toArray());
        assertTrue(lastBody.get().contains("\"model\":\"text-embedding-3-small\""), lastBody.get());
        assertTrue(lastBody.get().contains("\"input\":\"Tuesday jam\""), lastBody.get());
        assertEquals("Bearer sk-test", lastAuth.get());
    }

    @Test
    void a_wrong_dimension_or_an_error_status_is_a_failure_to_retry() {
        assertThrows(IllegalStateException.class, () -> embedder(4).embed("x"));
        status = 500;
        assertThrows(IllegalStateException.class, () -> embedder(3).embed("x"));
    }
}
