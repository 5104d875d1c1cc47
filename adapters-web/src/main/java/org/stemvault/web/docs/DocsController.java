package org.stemvault.web.docs;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.stemvault.web.page.PageSecurity;

/**
 * The API description as written at build time ({@code /openapi.yml}) and Swagger UI over it
 * ({@code /docs}), its JavaScript and CSS served from the webjar in the service: no CDN, works
 * offline. Public, like the project's docs: it says how to call the API, not what is in it.
 */
@Problems
@SecurityRequirements
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
final class DocsController {

    static final String SPEC = "META-INF/swagger/stemvault.yml";

    /** What /docs/{file} may send: Swagger UI's own files and the page's start-up script. */
    private static final Map<String, MediaType> ASSETS =
            Map.of(
                    "swagger-ui.css", MediaType.of("text/css"),
                    "swagger-ui-bundle.js", MediaType.of("text/javascript"));

    private static final String PAGE =
            """
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Stemvault API</title>
              <link rel="stylesheet" href="/docs/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui-bundle.js"></script>
              <script src="/docs/start.js"></script>
            </body>
            </html>
            """;

    private static final String POLICY = PageSecurity.policy(PAGE);

    private static final String START =
            """
            window.ui = SwaggerUIBundle({
              url: "/openapi.yml",
              dom_id: "#swagger-ui",
              presets: [SwaggerUIBundle.presets.apis],
              layout: "BaseLayout",
              validatorUrl: null,
              withCredentials: true
            });
            """;

    private final String webjar;

    /** The files as read once from the class path: the bundle alone is 1.4 MB. */
    private final Map<String, byte[]> read = new ConcurrentHashMap<>();

    DocsController() {
        Properties pom = new Properties();
        try (InputStream in = resource("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.webjar = "META-INF/resources/webjars/swagger-ui/" + pom.getProperty("version") + "/";
    }

    /** The OpenAPI 3 description of every route. */
    @Get(value = "/openapi.yml", produces = "application/yaml")
    HttpResponse<byte[]> spec() {
        return file(SPEC, MediaType.of("application/yaml"));
    }

    /** Swagger UI over {@code /openapi.yml}, under the pages' content security policy. */
    @Get(value = "/docs", produces = MediaType.TEXT_HTML)
    HttpResponse<String> page() {
        return PageSecurity.headers(HttpResponse.ok(PAGE), POLICY);
    }

    /** The page's script and Swagger UI's files; anything else is 404. */
    @Get("/docs/{file}")
    HttpResponse<?> asset(@PathVariable String file) {
        if (file.equals("start.js")) {
            return HttpResponse.ok(START).contentType(MediaType.of("text/javascript"));
        }
        MediaType type = ASSETS.get(file);
        return type == null ? HttpResponse.notFound() : file(webjar + file, type);
    }

    private HttpResponse<byte[]> file(String name, MediaType type) {
        byte[] content =
                read.computeIfAbsent(
                        name,
                        n -> {
                            try (InputStream in = resource(n)) {
                                return in.readAllBytes();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
        return HttpResponse.ok(content).contentType(type);
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DocsController.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the class path: the build writes it");
        }
        return in;
    }
}
