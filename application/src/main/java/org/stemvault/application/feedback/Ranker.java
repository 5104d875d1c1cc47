package org.stemvault.application.feedback;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stemvault.domain.feedback.RankerModel;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.search.Hit;

/**
 * Re-ranks a search's candidates by a learned model, within each profile: every profile keeps the
 * positions its results held in today's ranking, and only which of its own candidates fill them
 * changes, by their learned scores. A candidate's signal is read from acts on that recording alone,
 * which is in one profile, so one profile's feedback never moves another profile's results. A
 * profile whose candidates carry fewer than {@code minEvents} acts keeps today's order exactly.
 */
public final class Ranker {

    private Ranker() {}

    /** The first {@code limit} of {@code pool} (today's order), re-ranked by {@code model}. */
    public static List<Hit> rank(List<Hit> pool, int limit, RankerModel model, int minEvents) {
        int shown = Math.min(limit, pool.size());
        if (model == null || shown == 0) {
            return List.copyOf(pool.subList(0, shown));
        }
        double best = pool.get(0).score();
        Map<ProfileName, List<Hit>> byProfile = new LinkedHashMap<>();
        for (Hit hit : pool) {
            byProfile.computeIfAbsent(hit.profile(), p -> new ArrayList<>()).add(hit);
        }
        Map<ProfileName, Deque<Hit>> ordered = new LinkedHashMap<>();
        for (Map.Entry<ProfileName, List<Hit>> e : byProfile.entrySet()) {
            List<Hit> hits = new ArrayList<>(e.getValue());
            int events = hits.stream().mapToInt(h -> h.signal().events()).sum();
            if (events >= minEvents) {
                // a stable sort: equal learned scores keep today's order
                hits.sort(
                        Comparator.comparingDouble(
                                (Hit h) -> -model.score(share(h.score(), best), h.signal())));
            }
            ordered.put(e.getKey(), new ArrayDeque<>(hits));
        }
        List<Hit> ranked = new ArrayList<>(shown);
        for (int k = 0; k < shown; k++) {
            ranked.add(ordered.get(pool.get(k).profile()).poll());
        }
        return List.copyOf(ranked);
    }

    /** A fused score as a share of the search's best (0 when the best is not above 0). */
    public static double share(double score, double best) {
        return best > 0 ? Math.max(0, Math.min(1, score / best)) : 0;
    }
}
