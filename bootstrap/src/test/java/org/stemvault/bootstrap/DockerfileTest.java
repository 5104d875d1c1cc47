package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the Dockerfile's build is checked where it can break unseen: it
 * copies every module the reactor builds (a module left out fails {@code docker compose up}).
 */
class DockerfileTest {

    static List<String> all(Pattern p, String text) {
        Matcher m = p.matcher(text);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void the_image_build_copies_every_module_of_the_reactor() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> modules =
                all(
                        Pattern.compile("<module>([^<]+)</module>"),
                        Files.readString(root.resolve("pom.xml")));
        List<String> copied =
                all(
                        Pattern.compile("(?m)^COPY ([a-z0-9-]+) \\1$"),
                        Files.readString(root.resolve("Dockerfile")));
        assertEquals(modules, copied);
    }

    @Test
    void the_image_runs_the_jvm_with_the_options_of_scripts_jvm_options() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> options =
                List.of(Files.readString(root.resolve("scripts/jvm-options")).trim().split("\\s+"));
        String entrypoint =
                all(
                                Pattern.compile("(?s)ENTRYPOINT \\[(.*?)\\]"),
                                Files.readString(root.resolve("Dockerfile")))
                        .get(0);
        List<String> words = all(Pattern.compile("\"([^\"]+)\""), entrypoint);
        assertEquals(options, words.subList(1, 1 + options.size()));
    }
}
