package org.stemvault.web.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every JSON body is described once for the API document ({@link Bodies}) and read once by its
 * reader ({@link ReadBy}): this test reads the readers' source and fails when the two drift — a
 * documented field its reader never names, or a field some reader takes that no description shows.
 */
class BodiesDriftTest {

    static final Path SOURCES = Path.of("src", "main", "java", "org", "stemvault", "web");

    /** The schemas of answers, not of bodies anyone sends. */
    static final Set<String> ANSWERS = Set.of("Problem", "FieldError");

    /** A field read through the strict reader: {@code f.text("name")}, {@code .number("start")}. */
    static final Pattern READ =
            Pattern.compile(
                    "\\.(?:has|present|raw|text|optionalText|texts|optionalTexts|number"
                            + "|optionalNumber|integer|optionalDate|optionalInstant|optionalObject"
                            + "|optionalObjectsByKey|objects|floats|optionalBoolean)\\(\\s*\"([a-z][a-z0-9_]*)\"");

    /** Any word a block names in quotes: a field it reads through a helper counts too. */
    static final Pattern WORD = Pattern.compile("\"([a-z][a-z0-9_]*)\"");

    static final Map<String, Path> FILES = files();

    static Map<String, Path> files() {
        try (Stream<Path> all = Files.walk(SOURCES)) {
            return all.filter(p -> p.toString().endsWith(".java"))
                    .collect(
                            Collectors.toMap(
                                    p -> p.getFileName().toString().replace(".java", ""),
                                    Function.identity()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Class<?>> bodies() {
        return Arrays.stream(Bodies.class.getDeclaredClasses())
                .filter(Class::isRecord)
                .filter(c -> !ANSWERS.contains(c.getSimpleName()))
                .toList();
    }

    static Set<String> documented(Class<?> body) {
        return Arrays.stream(body.getRecordComponents())
                .map(RecordComponent::getName)
                .map(n -> n.replaceAll("([A-Z])", "_$1").toLowerCase())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The reader's source: the named member of the class (a method or a nested record), or all. */
    static String reader(String name) throws IOException {
        String[] parts = name.split("\\.");
        Path file = FILES.get(parts[0]);
        assertNotNull(file, "no class " + parts[0] + " in adapters-web");
        String text = Files.readString(file);
        if (parts.length == 1) {
            return text;
        }
        Matcher member =
                Pattern.compile(
                                "record "
                                        + parts[1]
                                        + "\\(|[\\w>\\]]\\s+"
                                        + parts[1]
                                        + "\\([^;{]*\\)\\s*(?:throws[^{;]*)?\\{")
                        .matcher(text);
        assertTrue(member.find(), "no member " + parts[1] + " in " + parts[0]);
        int open = text.indexOf('{', member.start());
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (depth == 0) {
                return text.substring(member.start(), i + 1);
            }
        }
        throw new AssertionError("unbalanced " + name);
    }

    static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void every_body_names_its_reader_and_every_documented_field_is_read_there() throws Exception {
        List<String> drift = new ArrayList<>();
        for (Class<?> body : bodies()) {
            ReadBy readBy = body.getAnnotation(ReadBy.class);
            if (readBy == null) {
                drift.add(body.getSimpleName() + " names no reader (@ReadBy)");
                continue;
            }
            Set<String> named = matches(WORD, reader(readBy.value()));
            for (String field : documented(body)) {
                if (!named.contains(field)) {
                    drift.add(
                            body.getSimpleName()
                                    + "."
                                    + field
                                    + " is not read by "
                                    + readBy.value());
                }
            }
        }
        assertEquals(List.of(), drift);
    }

    @Test
    void every_field_a_reader_takes_is_documented() throws Exception {
        Set<String> documented = new TreeSet<>();
        Set<String> readers = new TreeSet<>();
        for (Class<?> body : bodies()) {
            documented.addAll(documented(body));
            readers.add(body.getAnnotation(ReadBy.class).value());
        }
        Set<String> undocumented = new TreeSet<>();
        for (String reader : readers) {
            Set<String> read = matches(READ, reader(reader));
            read.removeAll(documented);
            read.forEach(field -> undocumented.add(reader + " reads " + field));
        }
        assertEquals(Set.of(), undocumented);
        assertTrue(documented.size() > 30, "the walk saw " + documented);
    }
}
