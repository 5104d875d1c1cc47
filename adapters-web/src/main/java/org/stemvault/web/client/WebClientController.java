package org.stemvault.web.client;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.stemvault.web.docs.Problems;

/**
 * A built single-page web client served from {@code STEMVAULT_WEB_DIR} at {@code /}, so it is
 * same-origin with the API: a file that exists is sent, any other path gets {@code index.html}
 * (client-side routes). Paths of the API itself never fall back to the page.
 */
@Problems
@SecurityRequirements
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "stemvault.web.dir", pattern = ".+")
final class WebClientController {

    private static final Set<String> RESERVED =
            Set.of("api", "auth", "media", "health", "docs", "prometheus");

    private final Path dir;

    WebClientController(@Value("${stemvault.web.dir}") String dir) throws IOException {
        this.dir = Path.of(dir).toRealPath();
    }

    @Get
    HttpResponse<SystemFile> index() {
        return HttpResponse.ok(new SystemFile(dir.resolve("index.html").toFile()));
    }

    @Get("/{+path}")
    HttpResponse<SystemFile> file(
            @PathVariable String path, @Nullable Authentication authentication) {
        String top = path.split("/", 2)[0];
        if (RESERVED.contains(top)) {
            throw new HttpStatusException(
                    authentication == null ? HttpStatus.UNAUTHORIZED : HttpStatus.NOT_FOUND,
                    authentication == null ? "Unauthorized" : "Not Found");
        }
        Path candidate = dir.resolve(path).normalize();
        try {
            if (candidate.startsWith(dir)
                    && Files.isRegularFile(candidate)
                    && candidate.toRealPath().startsWith(dir)) {
                return HttpResponse.ok(new SystemFile(candidate.toFile()));
            }
        } catch (IOException e) {
            // unreadable: fall back to the page, as for any unknown path
        }
        return index();
    }
}
