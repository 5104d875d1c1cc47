package org.stemvault.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The harness of {@code bench/analysis.sh}: the built-in analysis's accuracy on generated takes
 * whose truth is known, and its time per minute of audio against the kept tools it runs, run by
 * hand on the same files (the limit). Takes: drum patterns at 60 to 178 BPM (2 BPM apart, 30 s
 * each), chord progressions in all 24 keys in two voicings, and takes that speed up by a known
 * amount beside steady ones. Prints one line per figure, {@code name value}.
 *
 * <p>{@code java -cp worker.jar:test-classes org.stemvault.worker.AnalysisBench DIR}
 */
public final class AnalysisBench {

    private AnalysisBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        Analysis analysis = new Analysis("ffmpeg", "aubio", "bpm");
        TestAudio.drums(dir.resolve("warm.wav"), 10, 100);
        analysis.analyse(dir.resolve("warm.wav"), dir.resolve("warm.wav")); // warm-up

        int takes = 0;
        double audioSeconds = 0;
        double oursSeconds = 0;
        double handSeconds = 0;
        double oursDrums = 0;
        int tempoExact = 0;
        int tempoOctave = 0;
        int tempoOther = 0;
        List<String> misses = new ArrayList<>();
        for (int bpm = 60; bpm < 180; bpm += 2) {
            Path take = TestAudio.drums(dir.resolve("drums-" + bpm + ".wav"), 30, bpm);
            double t0 = System.nanoTime();
            Analysis.Result r = analysis.analyse(take, take);
            oursSeconds += (System.nanoTime() - t0) / 1e9;
            oursDrums += (System.nanoTime() - t0) / 1e9;
            handSeconds += byHand(take);
            audioSeconds += 30;
            takes++;
            double found = r.tempoBpm() == null ? 0 : r.tempoBpm();
            if (Math.abs(found - bpm) <= 1) {
                tempoExact++;
            } else if (Math.abs(found - 2 * bpm) <= 2 || Math.abs(found - bpm / 2.0) <= 1) {
                tempoOctave++;
                misses.add(bpm + "->" + round(found));
            } else {
                tempoOther++;
                misses.add(bpm + "->" + round(found));
            }
        }
        int keyExact = 0;
        int keyRelative = 0;
        int keyFifth = 0;
        int keyOther = 0;
        for (int octaves = 0; octaves < 2; octaves++) {
            for (int tonic = 0; tonic < 12; tonic++) {
                for (boolean minor : new boolean[] {false, true}) {
                    Path take =
                            TestAudio.progression(
                                    dir.resolve("key-" + tonic + minor + octaves + ".wav"),
                                    tonic,
                                    minor,
                                    octaves);
                    double t0 = System.nanoTime();
                    Analysis.Key key = analysis.key(take);
                    oursSeconds += (System.nanoTime() - t0) / 1e9;
                    audioSeconds += 8;
                    takes++;
                    String truth = Analysis.PITCHES[tonic] + (minor ? " minor" : " major");
                    String relative =
                            minor
                                    ? Analysis.PITCHES[(tonic + 3) % 12] + " major"
                                    : Analysis.PITCHES[(tonic + 9) % 12] + " minor";
                    String mode = minor ? " minor" : " major";
                    String up = Analysis.PITCHES[(tonic + 7) % 12] + mode;
                    String down = Analysis.PITCHES[(tonic + 5) % 12] + mode;
                    if (key == null) {
                        keyOther++;
                    } else if (key.name().equals(truth)) {
                        keyExact++;
                    } else if (key.name().equals(relative)) {
                        keyRelative++;
                    } else if (key.name().equals(up) || key.name().equals(down)) {
                        keyFifth++;
                    } else {
                        keyOther++;
                        misses.add(truth + "->" + key.name());
                    }
                }
            }
        }
        int stabilityOrdered = 0;
        int ramps = 0;
        double[][] pairs = {{100, 100}, {100, 110}, {100, 120}, {100, 130}, {140, 160}, {90, 80}};
        List<String> stabilities = new ArrayList<>();
        for (double[] pair : pairs) {
            Path take =
                    pair[0] == pair[1]
                            ? TestAudio.drums(dir.resolve("steady.wav"), 40, pair[0])
                            : TestAudio.accelerating(
                                    dir.resolve("ramp-" + pair[0] + "-" + pair[1] + ".wav"),
                                    40,
                                    pair[0],
                                    pair[1]);
            Analysis.Result r = analysis.analyse(take, take);
            takes++;
            double s = r.stability() == null ? Double.NaN : r.stability();
            // the known drift: each 10 s window's true mean tempo against the take's measured one
            double drift = 0;
            double slope = (pair[1] - pair[0]) / 40;
            for (int w = 0; w < 4; w++) {
                drift += Math.abs(pair[0] + slope * (w * 10 + 5) - r.tempoBpm());
            }
            double expected = 1 - drift / 4 / r.tempoBpm();
            stabilities.add(
                    round(pair[0])
                            + "->"
                            + round(pair[1])
                            + ": "
                            + round(s)
                            + " (known "
                            + round(expected)
                            + ")");
            ramps++;
            if (Math.abs(s - expected) <= 0.02) {
                stabilityOrdered++;
            }
        }
        System.out.println("takes " + takes);
        System.out.println("tempo_exact " + tempoExact + "/60");
        System.out.println("tempo_octave " + tempoOctave);
        System.out.println("tempo_other " + tempoOther);
        System.out.println("key_exact " + keyExact + "/48");
        System.out.println("key_relative " + keyRelative);
        System.out.println("key_fifth " + keyFifth);
        System.out.println("key_other " + keyOther);
        System.out.println("stability_as_known " + stabilityOrdered + "/" + ramps);
        System.out.println("stabilities " + String.join("; ", stabilities));
        System.out.println(
                "ours_seconds_per_minute_all " + round(oursSeconds / (audioSeconds / 60)));
        System.out.println("ours_seconds_per_minute_drums " + round(oursDrums / 30));
        System.out.println("hand_seconds_per_minute_drums " + round(handSeconds / 30));
        System.out.println("misses " + (misses.isEmpty() ? "none" : String.join(", ", misses)));
        System.exit(0);
    }

    /** The kept tools by hand on one take: ffmpeg decoding into bpm, and aubio onset. */
    static double byHand(Path take) throws Exception {
        double t0 = System.nanoTime();
        run(
                "/bin/sh",
                "-c",
                "ffmpeg -v error -i '"
                        + take
                        + "' -ac 1 -ar 44100 -f f32le - | bpm > /dev/null && aubio onset -i '"
                        + take
                        + "' > /dev/null");
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(Arrays.asList(command)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
