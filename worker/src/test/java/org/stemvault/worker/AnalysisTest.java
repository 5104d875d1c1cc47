package org.stemvault.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in analysis against material made with ffmpeg whose truth is known: drum patterns at 60
 * to 180 BPM, a take that speeds up, chord progressions in every key. The full accuracy (over a
 * hundred takes, octave and related-key errors counted apart) is a benchmark: {@code
 * bench/analysis.sh}.
 */
class AnalysisTest {

    @TempDir Path dir;

    final Analysis analysis = new Analysis("ffmpeg", "aubio", "bpm");

    @Test
    void tempo_beats_and_bars_of_drum_patterns() throws Exception {
        List<String> misses = new ArrayList<>();
        for (double bpm : new double[] {60, 143, 180}) {
            Path take = TestAudio.drums(dir.resolve("drums-" + bpm + ".wav"), 16, bpm);
            Analysis.Result result = analysis.analyse(take, take);
            assertNotNull(result.tempoBpm(), "a tempo at " + bpm);
            if (Math.abs(result.tempoBpm() - bpm) > 1) {
                misses.add(bpm + " read as " + result.tempoBpm());
                continue;
            }
            assertTrue(result.tempoConfidence() > 0.8, bpm + ": " + result.tempoConfidence());
            assertTrue(result.stability() > 0.97, bpm + ": stability " + result.stability());
            // beats a period apart, downbeats every fourth beat, on the accented ones
            double period = 60 / bpm;
            for (int i = 1; i < result.downbeats().length; i++) {
                assertEquals(
                        4 * period,
                        result.downbeats()[i] - result.downbeats()[i - 1],
                        0.1 * period,
                        bpm + ": a bar is four beats");
            }
            double first = result.downbeats()[0];
            double phase = (first / period) % 4;
            assertTrue(
                    Math.min(phase, 4 - phase) < 0.25,
                    bpm + ": the bar starts on the accented beat, not at beat " + phase);
        }
        assertEquals(List.of(), misses, "tempo within 1 BPM");
    }

    @Test
    void a_take_that_speeds_up_is_less_stable() throws Exception {
        Path steady = TestAudio.drums(dir.resolve("steady.wav"), 40, 110);
        Path rushing = TestAudio.accelerating(dir.resolve("rushing.wav"), 40, 100, 130);
        Analysis.Result held = analysis.analyse(steady, steady);
        Analysis.Result rushed = analysis.analyse(rushing, rushing);
        Double[] curve = rushed.tempoCurve();
        assertEquals(4, curve.length, "one tempo per 10 s window");
        double drift = 0;
        for (int w = 0; w < 4; w++) {
            // the ramp's mean tempo over the window: 100 BPM + 0.75 BPM a second at its middle
            double truth = 100 + 0.75 * (w * 10 + 5);
            assertEquals(truth, curve[w], 2.0, "window " + w + ": " + Arrays.toString(curve));
            drift += Math.abs(truth - rushed.tempoBpm());
        }
        assertTrue(held.stability() >= 0.99, "a steady take: " + held.stability());
        // stability is 1 - the mean drift from the take's tempo, as a share of it: the known ramp's
        assertEquals(
                1 - drift / 4 / rushed.tempoBpm(),
                rushed.stability(),
                0.02,
                "stability " + rushed.stability() + " of " + Arrays.toString(curve));
    }

    @Test
    void the_key_of_chord_progressions() throws Exception {
        List<String> misses = new ArrayList<>();
        int exact = 0;
        for (int tonic = 0; tonic < 12; tonic += 1) {
            for (boolean minor : new boolean[] {false, true}) {
                if ((tonic + (minor ? 1 : 0)) % 4 != 0) {
                    continue; // six keys here; all 24 in the benchmark
                }
                Path take =
                        TestAudio.progression(
                                dir.resolve("key-" + tonic + minor + ".wav"), tonic, minor);
                Analysis.Key key = analysis.key(take);
                String truth = Analysis.PITCHES[tonic] + (minor ? " minor" : " major");
                if (truth.equals(key.name())) {
                    exact++;
                    assertTrue(key.confidence() > 0, truth + ": " + key.confidence());
                } else {
                    misses.add(truth + " read as " + key.name());
                }
            }
        }
        assertTrue(exact >= 5, exact + " of 6 exact; missed " + misses);
    }

    @Test
    void a_drums_stem_too_sparse_for_a_pulse_leaves_it_to_the_whole_take() throws Exception {
        // a separation that put the kick in another stem: the drums stem is nearly silent
        Path take = TestAudio.drums(dir.resolve("take.wav"), 20, 120);
        Path quiet = TestAudio.tone(dir.resolve("quiet-drums.wav"), 20, 0, 440);
        Analysis.Result result = analysis.analyse(take, quiet);
        assertEquals(120, result.tempoBpm(), 1.0);
        assertTrue(
                result.beats().length >= 35, "a beat grid over the take: " + result.beats().length);
        assertTrue(result.tempoConfidence() > 0.8, "confidence " + result.tempoConfidence());
        assertNotNull(result.stability());
    }

    @Test
    void a_few_beats_over_a_long_take_are_not_a_confident_grid() {
        double[] onsets = {1.0, 1.5};
        assertEquals(1.0, Analysis.confidence(new double[] {1.0, 1.5}, onsets, 2), 1e-9);
        assertEquals(
                0.05,
                Analysis.confidence(new double[] {1.0, 1.5}, onsets, 40),
                1e-9,
                "two beats found where a 20 s take at 120 BPM holds 40");
    }

    @Test
    void silence_has_no_tempo_and_no_key() throws Exception {
        Path silent = TestAudio.tone(dir.resolve("silent.wav"), 5, 0, 440);
        Analysis.Result result = analysis.analyse(silent, null);
        assertEquals(null, result.key());
        assertTrue(result.tempoBpm() == null || result.tempoConfidence() < 0.5);
        assertTrue(Files.exists(silent));
    }
}
