package org.stemvault.application.feedback;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stemvault.domain.feedback.RankerModel;
import org.stemvault.domain.feedback.SearchFeedback.Event;
import org.stemvault.domain.feedback.SearchId;
import org.stemvault.domain.feedback.Signal;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.search.Tracking;

/**
 * Learns a {@link RankerModel}'s weights from the stored acts, offline. Each search with both a
 * wanted result (opened or played) and a skipped one gives preference pairs, wanted over skipped
 * (T. Joachims, "Optimizing Search Engines using Clickthrough Data", KDD 2002); each result is
 * described as the ranker sees it at serving time, its signal read from the acts before that search
 * only; the weights minimise the pairwise logistic loss (C. Burges et al., "Learning to Rank using
 * Gradient Descent", ICML 2005, with a linear scorer), each pair weighted by the inverse propensity
 * of the wanted result's position (T. Joachims, A. Swaminathan, T. Schnabel, "Unbiased
 * Learning-to-Rank with Biased Feedback", WSDM 2017: a position-based propensity {@code
 * (1/position)^eta}), with a small L2 pull towards today's ranking.
 */
public final class RankerTraining {

    /** The pull towards today's ranking (weights 1, 0, 0). */
    static final double L2 = 0.001;

    static final int STEPS = 3000;
    static final double RATE = 0.5;

    private RankerTraining() {}

    /** The learned model, or null when the acts give no preference pair. */
    public static RankerModel train(
            List<Event> events, Tracking.Weighing weighing, double scale, Instant now) {
        Map<RecordingId, List<Event>> byRecording = new HashMap<>();
        Map<SearchId, List<Event>> bySearch = new LinkedHashMap<>();
        for (Event e : events) {
            byRecording.computeIfAbsent(e.recording(), r -> new ArrayList<>()).add(e);
            bySearch.computeIfAbsent(e.search(), s -> new ArrayList<>()).add(e);
        }
        List<double[]> diffs = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (List<Event> acts : bySearch.values()) {
            List<Event> wanted = acts.stream().filter(e -> e.reward() > 0).toList();
            List<Event> skipped = acts.stream().filter(e -> e.reward() < 0).toList();
            if (wanted.isEmpty() || skipped.isEmpty()) {
                continue;
            }
            for (Event w : wanted) {
                double[] xw = features(w, byRecording, weighing, scale);
                for (Event s : skipped) {
                    double[] xs = features(s, byRecording, weighing, scale);
                    diffs.add(new double[] {xw[0] - xs[0], xw[1] - xs[1], xw[2] - xs[2]});
                    weights.add(Signals.weight(w.position(), weighing));
                }
            }
        }
        if (diffs.isEmpty()) {
            return null;
        }
        double[] w = fit(diffs, weights);
        double base = Math.max(w[0], 1e-3);
        return new RankerModel(
                0, 1, w[1] / base, w[2] / base, scale, events.size(), diffs.size(), now);
    }

    /**
     * A result of a search as the ranker sees it: its base share, and its signal from the acts
     * before the search, squashed.
     */
    static double[] features(
            Event act,
            Map<RecordingId, List<Event>> byRecording,
            Tracking.Weighing weighing,
            double scale) {
        List<Event> past =
                byRecording.getOrDefault(act.recording(), List.of()).stream()
                        .filter(e -> e.at().isBefore(act.searchedAt()))
                        .toList();
        Signal signal = Signals.of(past, act.queryNorm(), act.space(), act.queryVector(), weighing);
        return new double[] {
            act.baseShare(), Math.tanh(signal.exact() / scale), Math.tanh(signal.similar() / scale)
        };
    }

    /** Gradient descent on the weighted pairwise logistic loss with the L2 pull. */
    static double[] fit(List<double[]> diffs, List<Double> weights) {
        double[] w = {1, 0, 0};
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        for (int step = 0; step < STEPS; step++) {
            double[] grad = {2 * L2 * (w[0] - 1), 2 * L2 * w[1], 2 * L2 * w[2]};
            for (int p = 0; p < diffs.size(); p++) {
                double[] d = diffs.get(p);
                double margin = w[0] * d[0] + w[1] * d[1] + w[2] * d[2];
                // d/dw softplus(-margin) = -sigmoid(-margin) * d
                double g = -weights.get(p) / total / (1 + Math.exp(margin));
                for (int k = 0; k < 3; k++) {
                    grad[k] += g * d[k];
                }
            }
            for (int k = 0; k < 3; k++) {
                w[k] -= RATE * grad[k];
            }
        }
        return w;
    }
}
