package org.stemvault.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Audio for the tests, made by ffmpeg, and ffmpeg's own readings of it. */
public final class TestAudio {

    private TestAudio() {}

    /** A stereo WAV of a sine at {@code hz} with this peak amplitude, 44.1 kHz. */
    public static Path tone(Path file, double seconds, double amplitude, int hz) {
        return eval(file, seconds, amplitude + "*sin(2*PI*" + hz + "*t)");
    }

    /**
     * A rehearsal take of 40 s: the band plays (110 Hz and 3 kHz together) from 0 to 8 s and from
     * 12 to 25 s, with a 0.3 s breath at 18 s, then a 2 s blip at 30 s; silence between.
     */
    public static Path rehearsal(Path file) {
        String playing = "0.25*sin(2*PI*110*t)+0.25*sin(2*PI*3000*t)";
        return eval(
                file,
                40,
                "if(between(t\\,0\\,8)+between(t\\,12\\,18)+between(t\\,18.3\\,25)+between(t\\,30\\,32)\\,"
                        + playing.replace(",", "\\,")
                        + "\\,0)");
    }

    /**
     * A drum pattern at {@code bpm} (a kick on every beat, louder on each bar's first, and a tick),
     * mono 44.1 kHz: the known truth for tempo, beats and downbeats.
     */
    public static Path drums(Path file, double seconds, double bpm) {
        String period = String.valueOf(60.0 / bpm);
        String since = "mod(t\\," + period + ")";
        String bar = "(1+1.5*eq(mod(floor(t/" + period + ")\\,4)\\,0))";
        return mono(
                file,
                seconds,
                44_100,
                "0.3*"
                        + bar
                        + "*sin(2*PI*70*"
                        + since
                        + ")*exp(-30*"
                        + since
                        + ")+0.1*sin(2*PI*3000*t)*exp(-400*"
                        + since
                        + ")");
    }

    /**
     * A drum pattern whose tempo rises linearly from {@code from} to {@code to} BPM over the take:
     * the beat phase is the integral of the tempo.
     */
    public static Path accelerating(Path file, double seconds, double from, double to) {
        double slope = (to - from) / seconds;
        String phase = "((" + from + "*t+" + (slope / 2) + "*t*t)/60)";
        String since = "(mod(" + phase + "\\,1)*60/" + from + ")";
        return eval(file, seconds, "0.3*sin(2*PI*70*" + since + ")*exp(-30*" + since + ")");
    }

    /**
     * A chord progression in a key (tonic 0 = C … 11 = B): I–IV–V–I in major, i–iv–V–i in minor,
     * two seconds a chord, each note with three harmonics over a bass root.
     */
    public static Path progression(Path file, int tonic, boolean minor) {
        return progression(file, tonic, minor, 0);
    }

    /** As {@link #progression(Path, int, boolean)}, its chords {@code octaves} octaves up. */
    public static Path progression(Path file, int tonic, boolean minor, int octaves) {
        int[][] chords =
                minor
                        ? new int[][] {{0, 3, 7}, {5, 8, 12}, {7, 11, 14}, {0, 3, 7}}
                        : new int[][] {{0, 4, 7}, {5, 9, 12}, {7, 11, 14}, {0, 4, 7}};
        StringBuilder expression = new StringBuilder("0");
        for (int c = 0; c < chords.length; c++) {
            StringBuilder notes = new StringBuilder("0");
            for (int interval : chords[c]) {
                double hz = 261.63 * Math.pow(2, octaves + (tonic + interval) / 12.0);
                for (int h = 1; h <= 3; h++) {
                    notes.append("+")
                            .append(0.05 / h)
                            .append("*sin(2*PI*")
                            .append(hz * h)
                            .append("*t)");
                }
            }
            double bass = 65.41 * Math.pow(2, (tonic + chords[c][0]) / 12.0);
            notes.append("+0.08*sin(2*PI*").append(bass).append("*t)");
            expression
                    .append("+between(t\\,")
                    .append(2 * c)
                    .append("\\,")
                    .append(2 * c + 1.999)
                    .append(")*(")
                    .append(notes)
                    .append(")");
        }
        return mono(file, 8, 22_050, expression.toString());
    }

    /** ffmpeg's integrated loudness (ebur128) of a file, in LUFS. */
    public static double lufs(Path file) {
        String out =
                run(
                        "ffmpeg",
                        "-hide_banner",
                        "-nostats",
                        "-i",
                        file.toString(),
                        "-af",
                        "ebur128",
                        "-f",
                        "null",
                        "-");
        Matcher m = Pattern.compile("I:\\s+(-?[0-9.]+) LUFS").matcher(out);
        double last = Double.NaN;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return last;
    }

    /** The duration ffprobe reads, in seconds. */
    public static double duration(Path file) {
        return Double.parseDouble(
                run(
                                "ffprobe",
                                "-v",
                                "error",
                                "-show_entries",
                                "format=duration",
                                "-of",
                                "default=noprint_wrappers=1:nokey=1",
                                file.toString())
                        .trim());
    }

    private static Path eval(Path file, double seconds, String expression) {
        return lavfi(file, expression + "|" + expression + ":s=44100:d=" + seconds);
    }

    /** One channel at {@code rate}: quicker to make than {@link #eval}'s stereo 44.1 kHz. */
    private static Path mono(Path file, double seconds, int rate, String expression) {
        return lavfi(file, expression + ":s=" + rate + ":d=" + seconds);
    }

    private static Path lavfi(Path file, String source) {
        run(
                "ffmpeg",
                "-hide_banner",
                "-loglevel",
                "error",
                "-nostdin",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "aevalsrc=exprs=" + source,
                file.toString());
        return file;
    }

    static String run(String... command) {
        try {
            Path out = Files.createTempFile("ffmpeg", ".txt");
            Process p =
                    new ProcessBuilder(new ArrayList<>(List.of(command)))
                            .redirectErrorStream(true)
                            .redirectOutput(out.toFile())
                            .start();
            int exit = p.waitFor();
            String text = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
