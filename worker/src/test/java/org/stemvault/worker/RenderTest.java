package org.stemvault.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendering rules of a take-away mix, measured on real audio made and read by ffmpeg: three
 * stems are sines at 110, 440 and 1760 Hz, so each stem's share of a mix is the mix's energy at its
 * frequency (Goertzel's algorithm: G. Goertzel, "An Algorithm for the Evaluation of Finite
 * Trigonometric Series", Amer. Math. Monthly 65(1), 1958).
 */
class RenderTest {

    static final int RATE = 44_100;

    @TempDir static Path dir;
    static Path bass;
    static Path vocals;
    static Path drums;
    static Render render;

    @BeforeAll
    static void stems() {
        bass = TestAudio.tone(dir.resolve("bass.wav"), 8, 0.2, 110);
        vocals = TestAudio.tone(dir.resolve("vocals.wav"), 8, 0.2, 440);
        drums = TestAudio.tone(dir.resolve("drums.wav"), 8, 0.2, 1760);
        render = new Render(new Ffmpeg("ffmpeg", "ffprobe"));
    }

    static Render.Spec spec(
            List<Render.Spec.Input> stems,
            Double start,
            Double end,
            double tempo,
            int semitones,
            String format,
            Double loudness) {
        return new Render.Spec(stems, start, end, tempo, semitones, format, loudness);
    }

    @Test
    void aMutedStemIsAbsentAndGainsAreMetWithinHalfADecibel() throws Exception {
        Path out = dir.resolve("gains.wav");
        render.render(
                spec(
                        List.of(new Render.Spec.Input(bass, 0), new Render.Spec.Input(vocals, -6)),
                        null,
                        null,
                        1.0,
                        0,
                        "wav",
                        null),
                out);
        double[] pcm = mono(out);
        double[] alone = mono(vocals);
        double vocalsDb = db(goertzel(pcm, 440) / goertzel(alone, 440));
        double bassDb = db(goertzel(pcm, 110) / goertzel(mono(bass), 110));
        assertEquals(-6, vocalsDb, 0.5, "vocals at -6 dB");
        assertEquals(0, bassDb, 0.5, "bass at 0 dB");
        double drumsDb = db(goertzel(pcm, 1760) / goertzel(mono(drums), 1760));
        assertTrue(drumsDb < -60, "the muted drums are absent: " + drumsDb + " dB");
    }

    @Test
    void aSectionLastsItsLengthToAFrame() throws Exception {
        Path out = dir.resolve("section.wav");
        Render.Result r =
                render.render(
                        spec(
                                List.of(new Render.Spec.Input(vocals, 0)),
                                1.5,
                                4.25,
                                1.0,
                                0,
                                "wav",
                                null),
                        out);
        assertEquals(2.75, mono(out).length / (double) RATE, 1.0 / RATE * 2);
        assertEquals(2.75, r.durationSeconds(), 0.01);
    }

    @Test
    void slowerKeepsThePitch() throws Exception {
        Path out = dir.resolve("slow.wav");
        render.render(
                spec(List.of(new Render.Spec.Input(vocals, 0)), 0.0, 4.0, 0.8, 0, "wav", null),
                out);
        double[] pcm = mono(out);
        assertEquals(5.0, pcm.length / (double) RATE, 0.05, "0.8 tempo: 1.25 times as long");
        assertEquals(440, frequency(pcm), 2, "the pitch is kept");
    }

    @Test
    void twoSemitonesUpMoveAToneByTwoSemitonesAndKeepTheTempo() throws Exception {
        Path out = dir.resolve("up.wav");
        render.render(
                spec(List.of(new Render.Spec.Input(vocals, 0)), 0.0, 4.0, 1.0, 2, "wav", null),
                out);
        double[] pcm = mono(out);
        assertEquals(4.0, pcm.length / (double) RATE, 0.05, "the tempo is kept");
        assertEquals(440 * Math.pow(2, 2 / 12.0), frequency(pcm), 2.5);
    }

    @Test
    void theLoudnessTargetIsMetWithinHalfALoudnessUnitInEveryFormat() throws Exception {
        for (String format : List.of("mp3", "m4a", "opus", "flac", "wav")) {
            Path out = dir.resolve("loud." + format);
            Render.Result r =
                    render.render(
                            spec(
                                    List.of(
                                            new Render.Spec.Input(bass, -3),
                                            new Render.Spec.Input(vocals, 0)),
                                    null,
                                    null,
                                    1.0,
                                    0,
                                    format,
                                    -20.0),
                            out);
            assertEquals(-20, TestAudio.lufs(out), 0.5, format);
            assertEquals(-20, r.loudnessLufs(), 0.5, format + " as reported");
            assertEquals(8, r.durationSeconds(), 0.1, format);
        }
    }

    @Test
    void aBundleHoldsEachStemAloneWithItsGainSectionAndTempo() throws Exception {
        Path out = dir.resolve("stems.zip");
        render.render(
                new Render.Spec(
                        List.of(
                                new Render.Spec.Input(bass, 0, "bass"),
                                new Render.Spec.Input(vocals, -6, "vocals")),
                        1.0,
                        3.0,
                        0.8,
                        0,
                        "wav",
                        null,
                        true),
                out);
        Path unzipped = Files.createDirectories(dir.resolve("unzipped"));
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(out))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
                Files.copy(zip, unzipped.resolve(e.getName()));
            }
        }
        assertEquals(List.of("bass.wav", "vocals.wav"), names);
        double[] v = mono(unzipped.resolve("vocals.wav"));
        assertEquals(2.5, v.length / (double) RATE, 0.05, "2 s at 0.8 tempo");
        assertEquals(440, frequency(v), 2);
        double[] b = mono(unzipped.resolve("bass.wav"));
        // both stretched alike: vocals 6 dB under bass, as the sources are equal
        assertEquals(
                -6,
                db(goertzel(v, 440) / goertzel(b, 110))
                        - db(goertzel(mono(vocals), 440) / goertzel(mono(bass), 110)),
                0.5);
        assertTrue(goertzel(b, 440) < goertzel(b, 110) / 1000, "each stem alone");
    }

    @Test
    void thisFfmpegHasRubberbandAndWithoutItAtempoKeepsTheSameRules() throws Exception {
        assertTrue(new Ffmpeg("ffmpeg", "ffprobe").hasFilter("rubberband"), "Debian's ffmpeg");
        assertTrue(new Ffmpeg("ffmpeg", "ffprobe").hasFilter("atempo"));
        Render without = new Render(new Ffmpeg("ffmpeg", "ffprobe"), false);
        Path slow = dir.resolve("slow-atempo.wav");
        without.render(
                spec(List.of(new Render.Spec.Input(vocals, 0)), 0.0, 4.0, 0.8, 0, "wav", null),
                slow);
        double[] pcm = mono(slow);
        assertEquals(5.0, pcm.length / (double) RATE, 0.05, "0.8 tempo: 1.25 times as long");
        assertEquals(440, frequency(pcm), 2, "the pitch is kept");
        Path up = dir.resolve("up-atempo.wav");
        without.render(
                spec(List.of(new Render.Spec.Input(vocals, 0)), 0.0, 4.0, 1.0, 2, "wav", null), up);
        pcm = mono(up);
        assertEquals(4.0, pcm.length / (double) RATE, 0.05, "the tempo is kept");
        assertEquals(440 * Math.pow(2, 2 / 12.0), frequency(pcm), 2.5);
        Path down = dir.resolve("down-atempo.wav");
        without.render(
                spec(List.of(new Render.Spec.Input(vocals, 0)), 0.0, 4.0, 0.5, -12, "wav", null),
                down);
        pcm = mono(down);
        assertEquals(8.0, pcm.length / (double) RATE, 0.1, "half tempo, an octave down");
        assertEquals(220, frequency(pcm), 2);
    }

    /** The file decoded by ffmpeg to mono 44.1 kHz samples. */
    static double[] mono(Path file) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(
                                "ffmpeg",
                                "-v",
                                "error",
                                "-i",
                                file.toString(),
                                "-ac",
                                "1",
                                "-ar",
                                String.valueOf(RATE),
                                "-f",
                                "f32le",
                                "-")
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        assertEquals(0, p.waitFor());
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[bytes.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getFloat();
        }
        return out;
    }

    /** The magnitude of the signal at {@code hz} (Goertzel), per sample. */
    static double goertzel(double[] x, double hz) {
        double w = 2 * Math.PI * hz / RATE;
        double c = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (double v : x) {
            double s = v + c * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        return Math.sqrt(s1 * s1 + s2 * s2 - c * s1 * s2) / x.length;
    }

    /** A pure tone's frequency from its upward zero crossings, away from the ends. */
    static double frequency(double[] x) {
        int from = x.length / 10;
        int to = x.length - x.length / 10;
        int first = -1;
        int last = -1;
        int crossings = 0;
        for (int i = from + 1; i < to; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                if (first < 0) {
                    first = i;
                } else {
                    crossings++;
                }
                last = i;
            }
        }
        return crossings * (double) RATE / (last - first);
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
