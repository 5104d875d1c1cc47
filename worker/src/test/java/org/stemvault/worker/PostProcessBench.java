package org.stemvault.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The harness of {@code bench/worker-postprocess.sh}: the worker's post-processing of one stem
 * (encode, loudness, peak, waveform, RMS windows, then ffprobe's duration), {@code runs} times on
 * one file; prints each run's milliseconds, then {@code median <ms>}.
 *
 * <p>{@code java -cp worker.jar:test-classes org.stemvault.worker.PostProcessBench FILE RUNS}
 */
public final class PostProcessBench {

    private PostProcessBench() {}

    public static void main(String[] args) throws Exception {
        Path stem = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        Path out = Files.createTempDirectory("postprocess-bench");
        Ffmpeg ffmpeg = new Ffmpeg("ffmpeg", "ffprobe");
        Ffmpeg.Format format = Ffmpeg.Format.of("opus", "192k");
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Ffmpeg.Measured m =
                    ffmpeg.process(
                            stem, format, out.resolve("vocals.opus"), out.resolve("vocals.png"));
            ms[i] = (System.nanoTime() - t0) / 1e6;
            System.out.printf(
                    "run %d: %.1f ms (lufs %s, peak %.3f, %.1f s, %d windows)%n",
                    i + 1, ms[i], m.lufs(), m.peak(), m.durationSeconds(), m.rmsLevels().length);
        }
        Arrays.sort(ms);
        System.out.printf("median %.1f%n", ms[runs / 2]);
    }
}
