package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.postgres.TestDatabase;

/**
 * The database stopped, and the database frozen (it accepts connections and answers nothing, as
 * under SIGSTOP): readiness says so within about 2 s, and every request that needs the database is
 * answered 503 with Retry-After within seconds, never 500, never a hang; both come back by
 * themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {

    TcpProxy proxy;
    EmbeddedServer server;
    ApplicationContext context;
    String member;
    String worker;

    @BeforeAll
    void start() throws Exception {
        URI db =
                URI.create(
                        TestDatabase.properties()
                                .get("datasources.default.url")
                                .substring("jdbc:".length()));
        proxy = new TcpProxy(db.getHost(), db.getPort() > 0 ? db.getPort() : 5432);
        Map<String, Object> properties = new HashMap<>(TestApp.properties());
        properties.put(
                "datasources.default.url",
                "jdbc:postgresql://127.0.0.1:"
                        + proxy.port()
                        + db.getRawPath()
                        + (db.getRawQuery() == null ? "" : "?" + db.getRawQuery()));
        properties.put("datasources.default.data-source-properties.socketTimeout", "3");
        properties.put("micronaut.server.port", "-1");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        context = server.getApplicationContext();
        Seed seed = context.getBean(Seed.class);
        member = seed.reset().memberOf(seed.profile("band"), "member@example.com");
        worker = seed.worker("gpu").bearer();
    }

    @AfterAll
    void stop() throws Exception {
        context.close();
        proxy.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return Api.call(server, "GET", path, member, null);
    }

    /** Waits for the path to answer {@code status}; answers how long that took, in ms. */
    long until(String path, int status, long limitMillis) throws Exception {
        long start = System.nanoTime();
        while ((System.nanoTime() - start) / 1_000_000 < limitMillis) {
            if (get(path).statusCode() == status) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(100);
        }
        return Long.MAX_VALUE;
    }

    void assertUnavailable(HttpResponse<String> answer, long millis, long limit) {
        assertEquals(503, answer.statusCode(), answer.body());
        assertEquals("5", answer.headers().firstValue("Retry-After").orElse(null));
        assertTrue(
                answer.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/problem+json"));
        assertTrue(answer.body().contains("cannot be reached"), answer.body());
        String id = answer.headers().firstValue("X-Request-Id").orElse("none");
        assertTrue(
                answer.body().contains("\"request_id\":\"" + id + "\""),
                "a server error names its request id, as its log line does: " + answer.body());
        assertTrue(millis <= limit, "answered after " + millis + " ms");
    }

    HttpResponse<String> timed(String path, long[] millis) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> answer = get(path);
        millis[0] = (System.nanoTime() - start) / 1_000_000;
        return answer;
    }

    @Test
    void a_stopped_database_is_503_with_retry_after_and_comes_back() throws Exception {
        assertEquals(200, get("/api/profiles").statusCode());
        proxy.down();
        try {
            long[] millis = new long[1];
            assertUnavailable(timed("/api/profiles", millis), millis[0], 5_000);
            assertUnavailable(timed("/api/profiles/band/files", millis), millis[0], 5_000);
            long start = System.nanoTime();
            HttpResponse<String> claim =
                    Api.call(server, "POST", "/api/worker/jobs/claim", worker, null);
            assertUnavailable(
                    claim,
                    (System.nanoTime() - start) / 1_000_000,
                    5_000); // the worker token is checked against the database: 503, not 401
            assertTrue(until("/health/readiness", 503, 5_000) <= 5_000);
        } finally {
            proxy.up();
        }
        assertTrue(
                until("/api/profiles", 200, 15_000) <= 15_000, "the service came back by itself");
        assertEquals(
                204,
                Api.call(server, "POST", "/api/worker/jobs/claim", worker, null).statusCode(),
                "the worker's token counts again");
    }

    @Test
    void a_frozen_database_makes_readiness_down_within_2_seconds_and_requests_503_not_a_hang()
            throws Exception {
        assertEquals(200, get("/health/readiness").statusCode());
        proxy.freeze();
        try {
            long[] millis = new long[1];
            HttpResponse<String> readiness = timed("/health/readiness", millis);
            assertEquals(503, readiness.statusCode(), readiness.body());
            assertTrue(millis[0] <= 2_500, "readiness answered after " + millis[0] + " ms");
            assertUnavailable(timed("/api/profiles", millis), millis[0], 8_000);
        } finally {
            proxy.thaw();
        }
        assertTrue(
                until("/health/readiness", 200, 15_000) <= 15_000, "readiness came back by itself");
        assertEquals(200, get("/api/profiles").statusCode());
    }
}
