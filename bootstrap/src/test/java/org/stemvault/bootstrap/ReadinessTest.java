package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stemvault.postgres.TestDatabase;

/**
 * Readiness follows the database: DOWN within 5 s of losing it, UP again by itself when it returns.
 */
class ReadinessTest {

    static HttpStatus readiness(HttpClient http) {
        try {
            return http.toBlocking().exchange("/health/readiness").getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    static long millisUntil(HttpClient http, HttpStatus wanted, long limitMillis)
            throws InterruptedException {
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1_000_000 < limitMillis) {
            if (readiness(http) == wanted) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(100);
        }
        return Long.MAX_VALUE;
    }

    @Test
    void readiness_is_down_within_5_seconds_without_the_database_and_comes_back_without_a_restart()
            throws Exception {
        URI db =
                URI.create(
                        TestDatabase.properties()
                                .get("datasources.default.url")
                                .substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(db.getHost(), db.getPort() > 0 ? db.getPort() : 5432)) {
            Map<String, Object> properties = new HashMap<>(TestApp.properties());
            properties.put(
                    "datasources.default.url",
                    "jdbc:postgresql://127.0.0.1:"
                            + proxy.port()
                            + db.getRawPath()
                            + (db.getRawQuery() == null ? "" : "?" + db.getRawQuery()));
            properties.put("micronaut.server.port", "-1");
            try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
                    HttpClient http = HttpClient.create(server.getURL())) {
                assertEquals(HttpStatus.OK, readiness(http));

                proxy.down();
                long down = millisUntil(http, HttpStatus.SERVICE_UNAVAILABLE, 5_000);
                assertTrue(down <= 5_000, "readiness still UP 5 s after the database went away");

                proxy.up();
                long up = millisUntil(http, HttpStatus.OK, 10_000);
                assertTrue(
                        up <= 10_000,
                        "readiness did not come back within 10 s of the database returning");
            }
        }
    }
}
