package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.user.User;

/**
 * Every answer carries an {@code X-Request-Id} (the caller's when sensible, else a new one), and
 * each request is one log line naming its route template, status, duration, id and user id, never
 * the path's names, the token or the email.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLogTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    final ServiceLog log = new ServiceLog();
    final Logger requests = (Logger) LoggerFactory.getLogger("stemvault.request");
    Level before;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties();
    }

    @BeforeEach
    void listen() {
        before = requests.getLevel();
        requests.setLevel(Level.INFO);
        log.listen();
    }

    @AfterEach
    void quiet() {
        log.assertNoStackTraces();
        requests.setLevel(before);
    }

    HttpResponse<String> get(String path, String token, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String id(HttpResponse<?> answer) {
        return answer.headers().firstValue("X-Request-Id").orElse("");
    }

    @Test
    void a_sensible_request_id_comes_back_and_otherwise_a_new_one_is_made() throws Exception {
        assertEquals("trace-42.abc", id(get("/health", null, "trace-42.abc")));
        String made = id(get("/health", null, null));
        assertTrue(made.matches("[0-9a-f-]{36}"), made);
        assertNotEquals(made, id(get("/health", null, null)), "a new one each time");
        for (String odd : new String[] {"has space", "x".repeat(101), "semi;colon"}) {
            String answered = id(get("/health", null, odd));
            assertTrue(answered.matches("[0-9a-f-]{36}"), odd + " -> " + answered);
        }
    }

    @Test
    void each_request_is_one_line_with_its_route_template_and_user_id_but_no_secret()
            throws Exception {
        seed.reset();
        Profile band = seed.profile("secret-band-name");
        User member = seed.user("member@example.com");
        seed.grant(member, band);
        String token = seed.token(member);

        HttpResponse<String> files =
                get("/api/profiles/secret-band-name/files", token, "one-request");
        assertEquals(200, files.statusCode());
        get("/api/no-such-route", token, "unrouted");

        List<String> lines = log.messages("stemvault.request", "id=one-request");
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(
                line.startsWith(
                        "GET /api/profiles/{profile}/files{?limit,cursor,bpm_min,bpm_max,key,key_related} 200 "),
                line);
        assertTrue(line.endsWith(" id=one-request user=" + member.id()), line);
        for (String secret : new String[] {"secret-band-name", token, "member@example.com"}) {
            assertTrue(!line.contains(secret), "the line names no " + secret + ": " + line);
        }
        List<String> unrouted = log.messages("stemvault.request", "id=unrouted");
        assertEquals(1, unrouted.size(), unrouted.toString());
        assertTrue(unrouted.get(0).startsWith("GET unmatched 404 "), unrouted.get(0));
    }

    @Test
    void a_client_errors_problem_carries_the_id_in_its_header_only() throws Exception {
        HttpResponse<String> missing = get("/api/profiles", null, "no-session");
        assertEquals(401, missing.statusCode());
        assertEquals("no-session", id(missing));
        assertTrue(!missing.body().contains("request_id"), missing.body());
    }
}
