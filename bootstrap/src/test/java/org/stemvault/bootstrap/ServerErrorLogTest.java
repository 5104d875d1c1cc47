package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An unexpected failure is one stack trace in the log carrying the request id (in the MDC, so the
 * JSON format has it as a field), and the client gets a problem naming that id and nothing of the
 * cause.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerErrorLogTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("stemvault.test.failing-route", "true");
        return properties;
    }

    @Test
    void a_bug_is_one_stack_trace_with_the_request_id_and_a_problem_naming_it() throws Exception {
        ServiceLog log = new ServiceLog();
        log.listen();
        HttpResponse<String> answer =
                Api.HTTP.send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + "/test-fixture/fail"))
                                .header("X-Request-Id", "incident-7")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        List<ILoggingEvent> traces = log.stackTraces();

        assertEquals(500, answer.statusCode());
        assertTrue(
                answer.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/problem+json"));
        assertTrue(answer.body().contains("\"request_id\":\"incident-7\""), answer.body());
        assertFalse(
                answer.body().contains("hunter2"), "the cause stays in the log: " + answer.body());
        assertEquals(1, traces.size(), "one stack trace: " + traces);
        assertEquals("incident-7", traces.get(0).getMDCPropertyMap().get("request_id"));
    }
}
