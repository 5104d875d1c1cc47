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
                "aevalsrc=exprs=" + expression + "|" + expression + ":s=44100:d=" + seconds,
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
