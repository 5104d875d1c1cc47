package org.stemvault.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SectionsTest {

    static final double W = 0.1;

    /** Levels of one stem, 0.1 s windows: {@code level} dB inside the ranges, silence outside. */
    static double[] levels(double seconds, double level, double... ranges) {
        double[] out = new double[(int) Math.round(seconds / W)];
        Arrays.fill(out, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < ranges.length; r += 2) {
            for (int i = (int) Math.round(ranges[r] / W); i < Math.round(ranges[r + 1] / W); i++) {
                out[i] = level;
            }
        }
        return out;
    }

    static void assertSections(List<Sections.Section> found, double... expected) {
        List<String> want = new ArrayList<>();
        for (int i = 0; i < expected.length; i += 2) {
            want.add(String.format("%.1f-%.1f", expected[i], expected[i + 1]));
        }
        assertEquals(
                want,
                found.stream().map(s -> String.format("%.1f-%.1f", s.start(), s.end())).toList());
    }

    @Test
    void gaps_under_half_a_second_are_bridged_and_regions_under_five_seconds_dropped() {
        double[] band = levels(40, -12, 0, 8, 12, 18, 18.3, 25, 30, 32);
        assertSections(Sections.detect(List.of(band, band), W), 0, 8, 12, 25);
    }

    @Test
    void a_section_starts_where_every_playing_stem_plays_and_grows_over_any_that_touches_it() {
        double[] drums = levels(60, -10, 2, 20, 40, 50);
        double[] bass = levels(60, -15, 5, 25);
        double[] silent = levels(60, -200);
        assertSections(Sections.detect(List.of(drums, bass, silent), W), 2, 25);
    }

    @Test
    void a_take_where_the_stems_never_play_together_is_one_section_when_long_enough() {
        double[] vocals = levels(30, -10, 0, 10);
        double[] drums = levels(30, -10, 15, 30);
        assertSections(Sections.detect(List.of(vocals, drums), W), 0, 30);
        assertSections(Sections.detect(List.of(levels(4, -10, 0, 1), levels(4, -10, 2, 3)), W));
        assertSections(Sections.detect(List.of(levels(30, -200)), W));
    }

    @Test
    void the_threshold_sits_midway_between_noise_floor_and_median_within_minus_60_and_minus_20() {
        double[] steady = new double[100];
        Arrays.fill(steady, 0);
        assertEquals(-20, Sections.threshold(steady));
        double[] gated = levels(10, 0, 0, 5);
        for (int i = 0; i < gated.length; i++) {
            gated[i] = Math.max(Sections.FLOOR_DB, gated[i]);
        }
        assertEquals(-60, Sections.threshold(gated));
        double[] noisy = new double[100];
        for (int i = 0; i < 100; i++) {
            noisy[i] = i < 40 ? -50 : -10;
        }
        assertEquals(-30, Sections.threshold(noisy), 1e-9);
    }

    @Test
    void the_sections_of_a_real_take_are_found_from_the_levels_ffmpeg_measures(@TempDir Path dir)
            throws Exception {
        Path take = TestAudio.rehearsal(dir.resolve("take.wav"));
        Path separated = Files.createDirectories(dir.resolve("separated"));
        new Separation(StandInSeparator.command(), java.time.Duration.ofMinutes(1))
                .run(take, separated, dir.resolve("log.txt"), p -> {});
        Ffmpeg ffmpeg = new Ffmpeg("ffmpeg", "ffprobe");
        List<double[]> levels = new ArrayList<>();
        for (Map.Entry<String, Path> stem : Separation.stems(separated).entrySet()) {
            levels.add(
                    ffmpeg.process(
                                    stem.getValue(),
                                    Ffmpeg.Format.of("opus", "96k"),
                                    dir.resolve(stem.getKey() + ".opus"),
                                    dir.resolve(stem.getKey() + ".png"))
                            .rmsLevels());
        }
        assertEquals(4, levels.size());
        assertTrue(levels.get(0).length >= 399 && levels.get(0).length <= 401, "0.1 s windows");
        List<Sections.Section> found = Sections.detect(levels, Ffmpeg.WINDOW_SECONDS);
        assertEquals(2, found.size(), found.toString());
        assertEquals(0, found.get(0).start(), 0.2);
        assertEquals(8, found.get(0).end(), 0.2);
        assertEquals(12, found.get(1).start(), 0.2);
        assertEquals(25, found.get(1).end(), 0.2);
    }
}
