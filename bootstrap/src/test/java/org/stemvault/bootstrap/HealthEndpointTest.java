package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthEndpointTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties();
    }

    @Test
    void health_is_up_and_names_the_database_and_the_vector_extension_version() {
        String body = http.toBlocking().retrieve("/health");
        assertTrue(body.contains("\"status\":\"UP\""), body);
        assertTrue(body.contains("\"database\":\"PostgreSQL "), body);
        assertTrue(body.matches("(?s).*\"vector\":\"\\d+\\.\\d+\\.\\d+\".*"), body);
    }

    @Test
    void liveness_and_readiness_answer_without_a_session() {
        assertEquals(HttpStatus.OK, http.toBlocking().exchange("/health/liveness").getStatus());
        String readiness = http.toBlocking().retrieve("/health/readiness");
        assertTrue(readiness.contains("\"database\""), readiness);
    }

    @Test
    void the_api_answers_anonymous_callers_401_as_problem_json_without_a_stack_trace() {
        HttpClientResponseException e =
                assertThrows(
                        HttpClientResponseException.class,
                        () ->
                                http.toBlocking()
                                        .exchange(HttpRequest.GET("/api/profiles"), String.class));
        HttpResponse<?> response = e.getResponse();
        assertEquals(HttpStatus.UNAUTHORIZED, response.getStatus());
        assertEquals(
                "application/problem+json", response.getContentType().orElseThrow().toString());
        String body = response.getBody(String.class).orElseThrow();
        assertTrue(body.contains("\"status\":401"), body);
        assertFalse(body.contains("at org."), body);
    }
}
