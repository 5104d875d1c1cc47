package org.stemvault.worker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * The built-in analysis of a take, with kept tools as the worker uses ffmpeg: ffmpeg decodes it,
 * bpm-tools' {@code bpm} estimates its tempo, aubio's {@code aubio onset} finds its onsets (on the
 * drums stem when there is one: the drums carry the pulse); the beats, bars, the tempo over time
 * and the key are computed here from what they give:
 *
 * <ul>
 *   <li><b>tempo</b>: bpm-tools' estimate, its octave (half, itself or double) chosen as the grid
 *       that best explains the onsets (the share of grid slots holding an onset times the share of
 *       onsets on the grid);
 *   <li><b>beats</b>: dynamic-programming beat tracking over the onsets (D. P. W. Ellis, "Beat
 *       Tracking by Dynamic Programming", J. New Music Research 36(1), 2007): the beat sequence
 *       that best trades onset strength against steady spacing at the tempo, so it follows a take
 *       that drifts; the tempo's confidence is the share of beats with an onset within 50 ms;
 *   <li><b>downbeats</b>: every fourth beat (4/4), the phase whose beats are loudest on the drums;
 *   <li><b>tempo over time</b>: the tempo of each {@link #WINDOW_SECONDS}-second window, the grid
 *       that best explains its onsets; <b>stability</b> is {@code 1 - mean(|window - tempo|) /
 *       tempo}, 1 for a take that never drifts from its own tempo;
 *   <li><b>key</b>: a chromagram (magnitude spectra of 8192-sample Hann windows at 22,050 Hz,
 *       folded onto the twelve pitch classes from 65 Hz to 2 kHz; JTransforms' FFT) correlated with
 *       the Krumhansl–Kessler key profiles rotated to each of the 24 keys (C. L. Krumhansl,
 *       Cognitive Foundations of Musical Pitch, 1990, ch. 4: the Krumhansl–Schmuckler key-finding
 *       algorithm); the confidence is the margin of the best key over the next, doubled and capped
 *       at 1. Each window gets its own key, so a clip's key can be read from the windows it covers.
 * </ul>
 */
final class Analysis {

    static final double WINDOW_SECONDS = 10.0;
    static final int KEY_RATE = 22_050;
    static final int FRAME = 8_192;

    static final String[] PITCHES = {
        "C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"
    };

    /** Krumhansl & Kessler (1982) probe-tone ratings, from the tonic up. */
    static final double[] MAJOR = {
        6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88
    };

    static final double[] MINOR = {
        6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17
    };

    static {
        // one FFT at a time on the calling thread: JTransforms' own pool would hold the JVM open
        // and compete with the separation for the cores
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
    }

    /** What the analysis found. Tempo and key may be null when nothing could be found. */
    record Result(
            Double tempoBpm,
            double tempoConfidence,
            double[] beats,
            double[] downbeats,
            double windowSeconds,
            Double[] tempoCurve,
            Double stability,
            String key,
            double keyConfidence,
            String[] windowKeys) {}

    /** A key and how sure of it. */
    record Key(String name, double confidence) {}

    private final String ffmpeg;
    private final String aubio;
    private final String bpm;

    /** The ffmpeg this analysis decodes with. */
    String ffmpeg() {
        return ffmpeg;
    }

    Analysis(String ffmpeg, String aubio, String bpm) {
        this.ffmpeg = ffmpeg;
        this.aubio = aubio;
        this.bpm = bpm;
    }

    /**
     * The fewest onsets a second the drums stem must hold to give the pulse: a separation that put
     * the kick elsewhere (or a take without drums) leaves a stem too sparse for a beat grid, and
     * the whole take gives it instead.
     */
    static final double SPARSE_ONSETS_PER_SECOND = 0.5;

    /** Analyses the take; {@code drums}, its drums stem, may be null. */
    Result analyse(Path take, Path drums) {
        Path pulse = drums != null ? drums : take;
        double[] onsets = onsets(pulse);
        float[] pulseSamples = decode(pulse, 11_025);
        double duration = duration(pulseSamples, 11_025);
        if (pulse != take && onsets.length < SPARSE_ONSETS_PER_SECOND * duration) {
            pulse = take;
            onsets = onsets(take);
            pulseSamples = decode(take, 11_025);
            duration = duration(pulseSamples, 11_025);
        }
        Double tempo = octave(bpmTool(pulse), onsets);
        double[] beats = tempo == null ? new double[0] : track(onsets, tempo);
        double confidence = tempo == null ? 0 : confidence(beats, onsets, duration * tempo / 60);
        double[] downbeats = downbeats(beats, pulseSamples, 11_025);
        Double[] curve = tempo == null ? new Double[] {null} : curve(onsets, tempo, duration);
        Double stability = tempo == null ? null : stability(curve, tempo);
        List<double[]> chroma = chroma(decode(take, KEY_RATE), KEY_RATE);
        Key key = key(sum(chroma, 0, chroma.size()));
        int framesPerWindow = (int) Math.round(WINDOW_SECONDS * KEY_RATE / FRAME);
        List<String> windowKeys = new ArrayList<>();
        for (int from = 0; from < chroma.size(); from += framesPerWindow) {
            Key k = key(sum(chroma, from, Math.min(chroma.size(), from + framesPerWindow)));
            windowKeys.add(k == null ? null : k.name());
        }
        return new Result(
                tempo,
                confidence,
                beats,
                downbeats,
                WINDOW_SECONDS,
                curve,
                stability,
                key == null ? null : key.name(),
                key == null ? 0 : key.confidence(),
                windowKeys.toArray(String[]::new));
    }

    /** The key of the whole take alone; null for silence. */
    Key key(Path take) {
        List<double[]> chroma = chroma(decode(take, KEY_RATE), KEY_RATE);
        return key(sum(chroma, 0, chroma.size()));
    }

    /** Onset times in seconds, from {@code aubio onset}. */
    double[] onsets(Path audio) {
        String out = run(List.of(aubio, "onset", "-i", audio.toString()), null);
        return out.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .mapToDouble(Double::parseDouble)
                .toArray();
    }

    /** bpm-tools' tempo of 44.1 kHz mono float samples from ffmpeg; null when it found none. */
    Double bpmTool(Path audio) {
        byte[] raw = decodeBytes(audio, 44_100);
        String out = run(List.of(bpm), raw).strip();
        try {
            double value = Double.parseDouble(out);
            return value > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The tempo: of bpm-tools' estimate and the onsets' median interval, each at 1/3, 1/2, 2/3, 1,
     * 3/2, 2 and 3 times (within 40–240 BPM; accents on the bar and swing make a tool read a
     * related tempo), the one whose grid best explains the onsets, then refined by a least-squares
     * fit of the onsets on its grid; null without a tempo.
     */
    static Double octave(Double tool, double[] onsets) {
        if (onsets.length < 4) {
            return tool;
        }
        double[] intervals = new double[onsets.length - 1];
        for (int i = 1; i < onsets.length; i++) {
            intervals[i - 1] = onsets[i] - onsets[i - 1];
        }
        double median = median(intervals);
        List<Double> bases = new ArrayList<>();
        if (tool != null) {
            bases.add(tool);
        }
        if (median > 0) {
            bases.add(60 / median);
        }
        double best = -1;
        Double chosen = tool;
        for (double base : bases) {
            for (double ratio : new double[] {1, 0.5, 2, 2.0 / 3, 1.5, 1.0 / 3, 3}) {
                double candidate = base * ratio;
                if (candidate < 40 || candidate > 240) {
                    continue;
                }
                double score = gridScore(onsets, 60 / candidate);
                if (score > best + 1e-9) {
                    best = score;
                    chosen = candidate;
                }
            }
        }
        return chosen == null ? null : refine(onsets, chosen, 0.05);
    }

    /**
     * The tempo whose grid fits the onsets best in the least-squares sense: each onset within 15 %
     * of a period of the grid is given its beat number, and the period is the slope of onset time
     * against beat number; {@code tempo} itself when the fit moves it by more than {@code
     * maxChange} (a share of it) or has fewer than four points.
     */
    static double refine(double[] onsets, double tempo, double maxChange) {
        double period = 60 / tempo;
        List<double[]> points = new ArrayList<>();
        double anchor = onsets[0];
        long beat = 0;
        points.add(new double[] {0, onsets[0]});
        for (int i = 1; i < onsets.length; i++) {
            double beats = (onsets[i] - anchor) / period;
            long step = Math.round(beats);
            if (step > 0 && Math.abs(beats - step) <= 0.15) {
                beat += step;
                anchor = onsets[i];
                points.add(new double[] {beat, onsets[i]});
            }
        }
        if (points.size() < 4) {
            return tempo;
        }
        double mx = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double my = points.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        double slope = sxx == 0 ? period : sxy / sxx;
        double refined = 60 / slope;
        return Math.abs(refined - tempo) / tempo <= maxChange ? refined : tempo;
    }

    /**
     * For a beat period: the share of onsets within 8 % of a period of a grid line, times the share
     * of grid lines between the first and the last onset that have an onset (the grid anchored at
     * the first onset, its lines re-anchored at each onset on them, so a slow drift is followed).
     */
    static double gridScore(double[] onsets, double period) {
        int onGrid = 0;
        int slots = 0;
        int filled = 0;
        double anchor = onsets[0];
        long lastSlot = 0;
        for (int i = 1; i < onsets.length; i++) {
            double beats = (onsets[i] - anchor) / period;
            long slot = Math.round(beats);
            if (slot > 0 && Math.abs(beats - slot) <= 0.08) {
                onGrid++;
                slots += (int) slot;
                filled++;
                anchor = onsets[i];
                lastSlot = 0;
            } else {
                lastSlot = slot;
            }
        }
        slots += (int) Math.max(0, lastSlot);
        double onShare = (double) onGrid / (onsets.length - 1);
        double slotShare = slots == 0 ? 0 : (double) filled / slots;
        return onShare * slotShare;
    }

    /**
     * How strongly the beat tracker holds to the tempo against the onsets (Ellis's α): low enough
     * that the beats follow a take that drifts by a fifth.
     */
    static final double TIGHTNESS = 20;

    /** Frames per second of the onset envelope the beats are tracked on. */
    static final int FPS = 100;

    /**
     * The beats: Ellis's dynamic programme over an onset envelope (each onset a 20 ms Gaussian),
     * with the transition cost {@code TIGHTNESS * log(gap / period)^2} for gaps of half to two
     * periods.
     */
    static double[] track(double[] onsets, double tempo) {
        if (onsets.length == 0) {
            return new double[0];
        }
        int frames = (int) Math.ceil(onsets[onsets.length - 1] * FPS) + FPS;
        double[] envelope = new double[frames];
        for (double onset : onsets) {
            int centre = (int) Math.round(onset * FPS);
            for (int n = Math.max(0, centre - 6); n <= Math.min(frames - 1, centre + 6); n++) {
                double d = (n - onset * FPS) / (0.02 * FPS);
                envelope[n] += Math.exp(-0.5 * d * d);
            }
        }
        double period = 60.0 / tempo * FPS;
        double[] score = new double[frames];
        int[] previous = new int[frames];
        for (int n = 0; n < frames; n++) {
            double best = 0;
            int from = -1;
            for (int m = (int) Math.max(0, n - 2 * period);
                    m <= n - Math.max(1, (int) Math.round(period / 2));
                    m++) {
                double ratio = Math.log((n - m) / period);
                double candidate = score[m] - TIGHTNESS * ratio * ratio;
                if (from < 0 || candidate > best) {
                    best = candidate;
                    from = m;
                }
            }
            score[n] = envelope[n] + Math.max(0, best);
            previous[n] = best > 0 ? from : -1;
        }
        int end = frames - 1;
        for (int n = Math.max(0, frames - (int) Math.ceil(period) - FPS); n < frames; n++) {
            if (score[n] > score[end] || end == frames - 1) {
                end = score[n] >= score[end] ? n : end;
            }
        }
        List<Double> beats = new ArrayList<>();
        for (int n = end; n >= 0; n = previous[n]) {
            beats.add(0, (double) n / FPS);
            if (previous[n] < 0) {
                break;
            }
        }
        return beats.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The share of the take's beats (as many as the tracker found, or as its length at the tempo
     * holds, whichever is more) that have an onset within 50 ms: a grid of a few beats over a long
     * take is not a confident one.
     */
    static double confidence(double[] beats, double[] onsets, double expected) {
        if (beats.length == 0) {
            return 0;
        }
        int near = 0;
        for (double beat : beats) {
            int at = Arrays.binarySearch(onsets, beat);
            int insert = at >= 0 ? at : -at - 1;
            boolean hit =
                    at >= 0
                            || (insert < onsets.length && onsets[insert] - beat <= 0.05)
                            || (insert > 0 && beat - onsets[insert - 1] <= 0.05);
            if (hit) {
                near++;
            }
        }
        return near / Math.max(beats.length, Math.floor(expected));
    }

    /**
     * Every fourth beat (4/4), counted by the beat grid (a beat the tracker skipped still counts),
     * at the phase whose beats are loudest.
     */
    static double[] downbeats(double[] beats, float[] samples, int rate) {
        if (beats.length < 4) {
            return beats.length == 0 ? new double[0] : new double[] {beats[0]};
        }
        double[] intervals = new double[beats.length - 1];
        for (int i = 1; i < beats.length; i++) {
            intervals[i - 1] = beats[i] - beats[i - 1];
        }
        double period = median(intervals);
        long[] index = new long[beats.length];
        for (int i = 1; i < beats.length; i++) {
            index[i] = index[i - 1] + Math.max(1, Math.round(intervals[i - 1] / period));
        }
        double best = -1;
        int phase = 0;
        for (int p = 0; p < 4; p++) {
            double energy = 0;
            int n = 0;
            for (int i = 0; i < beats.length; i++) {
                if (index[i] % 4 == p) {
                    energy += rms(samples, rate, beats[i], 0.07);
                    n++;
                }
            }
            if (n > 0 && energy / n > best) {
                best = energy / n;
                phase = p;
            }
        }
        List<Double> downbeats = new ArrayList<>();
        for (int i = 0; i < beats.length; i++) {
            if (index[i] % 4 == phase) {
                downbeats.add(beats[i]);
            }
        }
        return downbeats.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double rms(float[] samples, int rate, double at, double seconds) {
        int from = (int) Math.max(0, at * rate);
        int to = (int) Math.min(samples.length, (at + seconds) * rate);
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += samples[i] * samples[i];
        }
        return to > from ? Math.sqrt(sum / (to - from)) : 0;
    }

    /**
     * The tempo of each window: of the tempos from 3/4 to 4/3 of the take's (a quarter BPM apart),
     * the one whose grid best explains the window's onsets, then fitted to them by least squares
     * ({@link #refine}: the grid's tolerance lets every tempo within a few percent explain them
     * alike, so the choice alone would hide a drift of that size); null with fewer than four
     * onsets.
     */
    static Double[] curve(double[] onsets, double tempo, double duration) {
        int windows = Math.max(1, (int) Math.ceil(duration / WINDOW_SECONDS));
        Double[] curve = new Double[windows];
        for (int w = 0; w < windows; w++) {
            double from = w * WINDOW_SECONDS;
            double[] inside =
                    Arrays.stream(onsets)
                            .filter(t -> t >= from && t < from + WINDOW_SECONDS)
                            .toArray();
            if (inside.length < 4) {
                continue;
            }
            double best = -1;
            for (double candidate = tempo * 0.75; candidate <= tempo * 4 / 3; candidate += 0.25) {
                double score = gridScore(inside, 60 / candidate);
                if (score > best + 1e-9
                        || (Math.abs(score - best) <= 1e-9
                                && Math.abs(candidate - tempo) < Math.abs(curve[w] - tempo))) {
                    best = score;
                    curve[w] = candidate;
                }
            }
            curve[w] = refine(inside, curve[w], 0.25);
        }
        return curve;
    }

    /** {@code 1 - mean(|window - tempo|) / tempo} over the windows with a tempo, at least 0. */
    static Double stability(Double[] curve, double tempo) {
        double deviation = 0;
        int n = 0;
        for (Double window : curve) {
            if (window != null) {
                deviation += Math.abs(window - tempo);
                n++;
            }
        }
        return n == 0 ? null : Math.max(0, 1 - deviation / n / tempo);
    }

    /** Per frame, the energy of each pitch class. */
    static List<double[]> chroma(float[] samples, int rate) {
        FloatFFT_1D fft = new FloatFFT_1D(FRAME);
        float[] window = new float[FRAME];
        for (int i = 0; i < FRAME; i++) {
            window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (FRAME - 1)));
        }
        int[] pitchClass = new int[FRAME / 2];
        for (int k = 0; k < FRAME / 2; k++) {
            double hz = (double) k * rate / FRAME;
            pitchClass[k] =
                    hz < 65 || hz > 2_000
                            ? -1
                            : Math.floorMod(
                                    (int) Math.round(12 * Math.log(hz / 440.0) / Math.log(2)) + 9,
                                    12);
        }
        List<double[]> frames = new ArrayList<>();
        float[] frame = new float[FRAME];
        for (int start = 0; start + FRAME <= samples.length; start += FRAME) {
            for (int i = 0; i < FRAME; i++) {
                frame[i] = samples[start + i] * window[i];
            }
            fft.realForward(frame);
            double[] classes = new double[12];
            for (int k = 1; k < FRAME / 2; k++) {
                if (pitchClass[k] >= 0) {
                    double re = frame[2 * k];
                    double im = frame[2 * k + 1];
                    classes[pitchClass[k]] += Math.sqrt(re * re + im * im);
                }
            }
            frames.add(classes);
        }
        return frames;
    }

    private static double[] sum(List<double[]> frames, int from, int to) {
        double[] total = new double[12];
        for (int f = from; f < to; f++) {
            for (int c = 0; c < 12; c++) {
                total[c] += frames.get(f)[c];
            }
        }
        return total;
    }

    /** The best of the 24 keys for a chroma vector; null for silence. */
    static Key key(double[] chroma) {
        if (Arrays.stream(chroma).sum() <= 1e-9) {
            return null;
        }
        double best = -2;
        double second = -2;
        String name = null;
        for (int tonic = 0; tonic < 12; tonic++) {
            for (int mode = 0; mode < 2; mode++) {
                double[] profile = mode == 0 ? MAJOR : MINOR;
                double[] rotated = new double[12];
                for (int c = 0; c < 12; c++) {
                    rotated[(c + tonic) % 12] = profile[c];
                }
                double r = pearson(chroma, rotated);
                if (r > best) {
                    second = best;
                    best = r;
                    name = PITCHES[tonic] + (mode == 0 ? " major" : " minor");
                } else if (r > second) {
                    second = r;
                }
            }
        }
        return new Key(name, Math.min(1, Math.max(0, 2 * (best - second))));
    }

    static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double num = 0;
        double da = 0;
        double db = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - ma) * (b[i] - mb);
            da += (a[i] - ma) * (a[i] - ma);
            db += (b[i] - mb) * (b[i] - mb);
        }
        return da == 0 || db == 0 ? 0 : num / Math.sqrt(da * db);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double duration(float[] samples, int rate) {
        return (double) samples.length / rate;
    }

    /** Mono float samples at {@code rate}, from ffmpeg. */
    float[] decode(Path audio, int rate) {
        byte[] raw = decodeBytes(audio, rate);
        float[] samples = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(samples);
        return samples;
    }

    private byte[] decodeBytes(Path audio, int rate) {
        return runBytes(
                List.of(
                        ffmpeg,
                        "-nostdin",
                        "-v",
                        "error",
                        "-i",
                        audio.toString(),
                        "-ac",
                        "1",
                        "-ar",
                        String.valueOf(rate),
                        "-f",
                        "f32le",
                        "-"),
                null);
    }

    private static String run(List<String> command, byte[] input) {
        return new String(runBytes(command, input), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Runs a tool, feeding it {@code input}; its standard output, or {@link Failure}. */
    private static byte[] runBytes(List<String> command, byte[] input) {
        try {
            Process process =
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.DISCARD)
                            .start();
            Thread feeder = null;
            if (input != null) {
                feeder =
                        new Thread(
                                () -> {
                                    try (var in = process.getOutputStream()) {
                                        in.write(input);
                                    } catch (IOException e) {
                                        // the tool stopped reading: its exit status says why
                                    }
                                });
                feeder.start();
            } else {
                process.getOutputStream().close();
            }
            byte[] out;
            try (InputStream stdout = process.getInputStream()) {
                out = stdout.readAllBytes();
            }
            if (feeder != null) {
                feeder.join();
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new Failure(
                        command.get(0)
                                + " failed analysing the take (exit "
                                + (process.isAlive() ? "timeout" : process.exitValue())
                                + ")");
            }
            return out;
        } catch (IOException e) {
            throw new Failure("cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted while analysing");
        }
    }

    /** For messages: a tempo as people write it. */
    static String bpm(double tempo) {
        return String.format(Locale.ROOT, "%.1f BPM", tempo);
    }
}
