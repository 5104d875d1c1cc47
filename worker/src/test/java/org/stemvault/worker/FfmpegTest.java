package org.stemvault.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FfmpegTest {

    final Ffmpeg ffmpeg = new Ffmpeg("ffmpeg", "ffprobe");

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    static int pngWidth(byte[] png) {
        return ((png[16] & 0xff) << 24)
                | ((png[17] & 0xff) << 16)
                | ((png[18] & 0xff) << 8)
                | (png[19] & 0xff);
    }

    static int pngHeight(byte[] png) {
        return ((png[20] & 0xff) << 24)
                | ((png[21] & 0xff) << 16)
                | ((png[22] & 0xff) << 8)
                | (png[23] & 0xff);
    }

    @Test
    void a_known_tone_is_encoded_measured_and_drawn(@TempDir Path dir) throws Exception {
        Path tone = TestAudio.tone(dir.resolve("tone.wav"), 10, 0.1, 1000);
        for (String format : new String[] {"opus", "m4a"}) {
            Path audio = dir.resolve("vocals." + format);
            Path png = dir.resolve("vocals_" + format + ".png");
            Ffmpeg.Measured m = ffmpeg.process(tone, Ffmpeg.Format.of(format, "128k"), audio, png);
            assertEquals(TestAudio.lufs(tone), m.lufs(), 0.5, "ffmpeg's own reading of the tone");
            assertEquals(0.1, m.peak(), 0.002);
            assertEquals(10, m.durationSeconds(), 0.1);
            assertEquals(TestAudio.duration(audio), m.durationSeconds(), 1e-6);
            assertEquals(
                    TestAudio.lufs(tone),
                    TestAudio.lufs(audio),
                    0.5,
                    "the encoded stem sounds as loud");
            byte[] image = Files.readAllBytes(png);
            assertArrayEquals(PNG, Arrays.copyOf(image, 4));
            assertEquals(Ffmpeg.WAVEFORM_WIDTH, pngWidth(image));
            assertEquals(Ffmpeg.WAVEFORM_HEIGHT, pngHeight(image));
            assertEquals(100, m.rmsLevels().length, 1);
            assertEquals(
                    -20,
                    m.rmsLevels()[50],
                    0.5,
                    "a sine's RMS is 3 dB under its -20 dB peak, and the mono mix of two equal"
                            + " channels 3 dB over each");
        }
        assertTrue(
                Files.readAllBytes(dir.resolve("vocals.m4a")).length > 0
                        && new String(
                                        Files.readAllBytes(dir.resolve("vocals.m4a")),
                                        4,
                                        4,
                                        java.nio.charset.StandardCharsets.US_ASCII)
                                .equals("ftyp"),
                "an MP4 container");
    }

    @Test
    void a_silent_stem_has_no_loudness_and_no_peak(@TempDir Path dir) throws Exception {
        Path silence = TestAudio.tone(dir.resolve("silence.wav"), 5, 0, 440);
        Ffmpeg.Measured m =
                ffmpeg.process(
                        silence,
                        Ffmpeg.Format.of("opus", "96k"),
                        dir.resolve("other.opus"),
                        dir.resolve("other.png"));
        assertNull(m.lufs());
        assertEquals(0, m.peak());
        assertEquals(5, m.durationSeconds(), 0.1);
        assertTrue(Arrays.stream(m.rmsLevels()).allMatch(l -> l == Double.NEGATIVE_INFINITY));
    }

    @Test
    void a_file_that_is_not_audio_fails_with_ffmpegs_reason(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("vocals.wav"), "not audio at all");
        Failure f =
                assertThrows(
                        Failure.class,
                        () ->
                                ffmpeg.process(
                                        junk,
                                        Ffmpeg.Format.of("opus", "96k"),
                                        dir.resolve("v.opus"),
                                        dir.resolve("v.png")));
        assertTrue(
                f.getMessage().startsWith("ffmpeg could not process vocals.wav (exit "),
                f.getMessage());
        assertTrue(f.getMessage().contains("Invalid data"), f.getMessage());
    }

    @Test
    void an_unknown_output_format_is_refused_by_name() {
        Failure f = assertThrows(Failure.class, () -> Ffmpeg.Format.of("wma", "128k"));
        assertTrue(f.getMessage().contains("'wma'"), f.getMessage());
        assertEquals("m4a", Ffmpeg.Format.of("aac", null).extension());
    }

    @Test
    void a_missing_ffmpeg_is_named_at_start_up() {
        Failure f =
                assertThrows(
                        Failure.class, () -> new Ffmpeg("/nonexistent/ffmpeg", "ffprobe").check());
        assertTrue(f.getMessage().contains("install ffmpeg"), f.getMessage());
    }
}
