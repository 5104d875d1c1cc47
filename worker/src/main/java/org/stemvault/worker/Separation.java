package org.stemvault.worker;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The owner's separation command, run by {@code /bin/sh -c} with {@code {input}} and {@code
 * {output_dir}} replaced by the (quoted) paths, its output kept for a failure's reason; then the
 * stems it wrote, found by file name anywhere under the output folder.
 */
final class Separation {

    /** The audio files a separation tool writes. */
    static final Set<String> AUDIO =
            Set.of("wav", "wave", "flac", "mp3", "ogg", "opus", "m4a", "aif", "aiff");

    /** Lines of the command's output in a failure's reason. */
    static final int TAIL_LINES = 20;

    private static final Pattern BRACKETED = Pattern.compile("\\(([^()]+)\\)");

    private final String template;
    private final Duration timeout;

    Separation(String template, Duration timeout) {
        if (!template.contains("{input}") || !template.contains("{output_dir}")) {
            throw new IllegalArgumentException(
                    "--separate must name {input} and {output_dir}: " + template);
        }
        this.template = template;
        this.timeout = timeout;
    }

    /** The shell command for one input and output folder. */
    String command(Path input, Path outputDir) {
        return template.replace("{input}", quote(input.toString()))
                .replace("{output_dir}", quote(outputDir.toString()));
    }

    /**
     * Runs the command; {@code running} is told of the process so that a stopping worker can end
     * it. Fails with the exit code (or the timeout) and the last lines of its output.
     */
    void run(Path input, Path outputDir, Path log, Consumer<Process> running)
            throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder("/bin/sh", "-c", command(input, outputDir))
                        .directory(outputDir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                        .start();
        running.accept(p);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p);
                throw new Failure(
                        "the separation command timed out after "
                                + timeout.toSeconds()
                                + " s; its last output:\n"
                                + Ffmpeg.tail(log, TAIL_LINES));
            }
            if (p.exitValue() != 0) {
                throw new Failure(
                        "the separation command exited with "
                                + p.exitValue()
                                + "; its last output:\n"
                                + Ffmpeg.tail(log, TAIL_LINES));
            }
        } finally {
            stop(p);
        }
    }

    /** Ends a command and everything it started: politely, then after 5 s by force. */
    static void stop(Process p) {
        if (!p.isAlive() && p.descendants().findAny().isEmpty()) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(p.descendants(), Stream.of(p.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /**
     * The stems under {@code outputDir}, by name: an audio file's name, or the word in brackets in
     * it ({@code take_(Vocals)_model.wav}, as python-audio-separator names them), in lower case.
     */
    static Map<String, Path> stems(Path outputDir) throws IOException {
        Map<String, Path> stems = new TreeMap<>();
        try (Stream<Path> files = Files.walk(outputDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                int dot = name.lastIndexOf('.');
                if (dot <= 0 || !AUDIO.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
                    continue;
                }
                String stem = stemName(name.substring(0, dot));
                Path other = stems.putIfAbsent(stem, file);
                if (other != null) {
                    throw new Failure(
                            "the separation command wrote two files for the stem '"
                                    + stem
                                    + "': "
                                    + outputDir.relativize(other)
                                    + " and "
                                    + outputDir.relativize(file));
                }
            }
        }
        if (stems.isEmpty()) {
            throw new Failure(
                    "the separation command wrote no audio file ("
                            + String.join(", ", new TreeSet<>(AUDIO))
                            + ") under {output_dir}");
        }
        return stems;
    }

    /** A stem's name from a file's base name: a-z, 0-9, '_' and '-', at most 40. */
    static String stemName(String base) {
        Matcher m = BRACKETED.matcher(base);
        String word = m.find() ? m.group(1) : base;
        String name =
                word.toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9_-]+", "_")
                        .replaceAll("^_+|_+$", "");
        if (name.isEmpty()) {
            throw new Failure("a stem file's name has no letters or digits: " + base);
        }
        return name.length() > 40 ? name.substring(0, 40) : name;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static File nullDevice() {
        return new File("/dev/null");
    }
}
