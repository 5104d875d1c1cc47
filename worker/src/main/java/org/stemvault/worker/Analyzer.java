package org.stemvault.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The analysis a job sends: the built-in one ({@link Analysis}), or the command an owner plugs in
 * with {@code --analyze} (madmom, essentia, Beat This! on the GPU box), which writes the same JSON
 * to {@code {output}} (docs/worker.md, "Analysis"); the service checks every field.
 */
final class Analyzer {

    static final String TOOL = "stemvault-worker built-in (bpm-tools, aubio onset, chromagram)";

    private final Analysis builtIn;
    private final String command;
    private final Duration timeout;

    Analyzer(Analysis builtIn, String command, Duration timeout) {
        this.builtIn = builtIn;
        this.command = command;
        this.timeout = timeout;
    }

    /** Stems mixed to one mono file by ffmpeg (amix, no normalisation). */
    Path mixed(List<Path> stems, Path dir) {
        Path out = dir.resolve("tonal.wav");
        List<String> args =
                new ArrayList<>(List.of(builtIn.ffmpeg(), "-nostdin", "-v", "error", "-y"));
        for (Path stem : stems) {
            args.add("-i");
            args.add(stem.toString());
        }
        args.addAll(
                List.of(
                        "-filter_complex",
                        "amix=inputs=" + stems.size() + ":normalize=0",
                        "-ac",
                        "1",
                        "-ar",
                        "22050",
                        out.toString()));
        run(args, dir.resolve("mix.log"));
        return out;
    }

    /** What the analysis found, as the JSON the service takes. */
    ObjectNode analyse(Path take, Path drums, Path dir) {
        if (command == null) {
            return json(builtIn.analyse(take, drums));
        }
        Path output = dir.resolve("analysis.json");
        String line =
                command.replace("{input}", quote(take.toString()))
                        .replace("{drums}", quote((drums == null ? take : drums).toString()))
                        .replace("{output}", quote(output.toString()));
        run(List.of("/bin/sh", "-c", line), dir.resolve("analysis.log"));
        try {
            JsonNode read = ServiceClient.JSON.readTree(output.toFile());
            if (!(read instanceof ObjectNode object)) {
                throw new Failure("the analysis command wrote no JSON object to {output}");
            }
            return object;
        } catch (IOException e) {
            throw new Failure("the analysis command wrote no JSON to {output}: " + e.getMessage());
        }
    }

    /** The built-in result as the service takes it. */
    static ObjectNode json(Analysis.Result r) {
        ObjectNode out = ServiceClient.JSON.createObjectNode();
        if (r.tempoBpm() == null) {
            out.putNull("tempo_bpm");
        } else {
            out.put("tempo_bpm", Math.round(r.tempoBpm() * 100) / 100.0);
        }
        out.put("tempo_confidence", Math.round(r.tempoConfidence() * 1000) / 1000.0);
        out.put("key", r.key());
        out.put("key_confidence", Math.round(r.keyConfidence() * 1000) / 1000.0);
        if (r.stability() == null) {
            out.putNull("stability");
        } else {
            out.put("stability", Math.round(r.stability() * 10000) / 10000.0);
        }
        times(out.putArray("beats"), r.beats());
        times(out.putArray("downbeats"), r.downbeats());
        out.put("window_seconds", r.windowSeconds());
        ArrayNode curve = out.putArray("tempo_curve");
        for (Double t : r.tempoCurve()) {
            if (t == null) {
                curve.addNull();
            } else {
                curve.add(Math.round(t * 100) / 100.0);
            }
        }
        ArrayNode keys = out.putArray("window_keys");
        for (String k : r.windowKeys()) {
            keys.add(k);
        }
        out.put("tool", TOOL);
        return out;
    }

    private static void times(ArrayNode array, double[] times) {
        for (double t : times) {
            array.add(Math.round(t * 1000) / 1000.0);
        }
    }

    private void run(List<String> command, Path log) {
        try {
            Process p =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .redirectInput(
                                    ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                            .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new Failure("the analysis timed out after " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new Failure(
                        command.get(0)
                                + " exited with "
                                + p.exitValue()
                                + " analysing; its last output:\n"
                                + Ffmpeg.tail(log, Separation.TAIL_LINES));
            }
        } catch (IOException e) {
            throw new Failure("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while analysing");
        }
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\"'\"'") + "'";
    }
}
