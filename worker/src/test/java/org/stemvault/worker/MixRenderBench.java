package org.stemvault.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The harness of {@code bench/mixes.sh}: the worker's render of a mix ({@link Render}: the mix pass
 * with its EBU R128 meter beside the encoder, then ffprobe's duration) of four stems, once to warm
 * up, then {@code runs} times; prints each run's milliseconds, then {@code median <ms>}. {@code
 * plain}: the four at their gains; {@code practice}: drums muted, tempo 0.8 with the pitch kept, a
 * loudness target of -16 LUFS.
 *
 * <p>{@code java -cp worker.jar:test-classes org.stemvault.worker.MixRenderBench DIR FORMAT
 * plain|practice RUNS}, DIR holding vocals.opus, drums.opus, bass.opus and other.opus.
 */
public final class MixRenderBench {

    private MixRenderBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String format = args[1];
        boolean practice = args[2].equals("practice");
        int runs = Integer.parseInt(args[3]);
        List<Render.Spec.Input> stems =
                practice
                        ? List.of(
                                new Render.Spec.Input(dir.resolve("vocals.opus"), -3),
                                new Render.Spec.Input(dir.resolve("bass.opus"), 0),
                                new Render.Spec.Input(dir.resolve("other.opus"), -6))
                        : List.of(
                                new Render.Spec.Input(dir.resolve("vocals.opus"), -3),
                                new Render.Spec.Input(dir.resolve("drums.opus"), 0),
                                new Render.Spec.Input(dir.resolve("bass.opus"), 0),
                                new Render.Spec.Input(dir.resolve("other.opus"), -6));
        Render.Spec spec =
                new Render.Spec(
                        stems,
                        null,
                        null,
                        practice ? 0.8 : 1.0,
                        0,
                        format,
                        practice ? -16.0 : null);
        Render render = new Render(new Ffmpeg("ffmpeg", "ffprobe"));
        Path out = Files.createTempDirectory("mix-bench").resolve("mix." + format);
        render.render(spec, out); // a warm-up, not counted
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Render.Result r = render.render(spec, out);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            System.out.printf(
                    "run %d: %.1f ms (%.1f s, %s LUFS, %d bytes)%n",
                    i + 1, ms[i], r.durationSeconds(), r.loudnessLufs(), Files.size(out));
        }
        Arrays.sort(ms);
        System.out.printf("median %.1f%n", ms[runs / 2]);
    }
}
