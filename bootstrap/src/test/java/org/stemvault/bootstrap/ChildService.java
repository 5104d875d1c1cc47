package org.stemvault.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real main in a child JVM on {@code port}, with the test database and identity provider and
 * {@code env} on top (it may name another GOOGLE_ISSUER), its output appended to {@code log};
 * returned once {@code /health} answers. It logs as the tests do (logback-test.xml), or as in
 * production when {@code env} names a STEMVAULT_LOG_FORMAT.
 */
final class ChildService {

    private ChildService() {}

    static Process start(int port, Path log, String... env) throws Exception {
        List<String> command =
                ChildJvm.command(
                        List.of(env).contains("STEMVAULT_LOG_FORMAT")
                                ? List.of("-Dlogback.configurationFile=logback.xml")
                                : List.of(),
                        Application.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment
                .keySet()
                .removeIf(k -> k.startsWith("STEMVAULT_") || k.startsWith("MICRONAUT_"));
        environment.putAll(TestOidc.environment());
        environment.putAll(StartupFailureTest.withTestDatabase(env));
        environment.put("PORT", String.valueOf(port));
        builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process service = builder.start();
        for (int i = 0; i < 120 && service.isAlive(); i++) {
            try {
                if (Api.HTTP
                                .send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://127.0.0.1:"
                                                                        + port
                                                                        + "/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return service;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not start: " + Files.readString(log));
    }
}
