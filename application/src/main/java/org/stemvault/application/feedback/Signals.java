package org.stemvault.application.feedback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.stemvault.domain.feedback.SearchFeedback.Event;
import org.stemvault.domain.feedback.Signal;
import org.stemvault.domain.search.Tracking;

/**
 * A result's {@link Signal} computed from past acts on it, by the rules the search statement
 * applies (training reads it here, for each search as of its time): of each member's acts on the
 * result only the newest {@code perUserCap} count, whatever query they answered (the cap is applied
 * as acts are written, V32); of those, an act counts when its query is this one (same normal form)
 * or similar (same space, cosine of the embeddings at least {@code minQuerySimilarity}); each
 * reward divided by its position's propensity {@code (1/position)^eta} (at most {@code maxWeight}).
 */
public final class Signals {

    private Signals() {}

    /** The signal of the acts {@code past} (all on one recording) for a query. */
    public static Signal of(
            List<Event> past,
            String queryNorm,
            String space,
            float[] vector,
            Tracking.Weighing weighing) {
        Map<UUID, List<Event>> byMember = new HashMap<>();
        for (Event e : past) {
            byMember.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
        }
        int events = 0;
        double exact = 0;
        double similar = 0;
        for (List<Event> acts : byMember.values()) {
            // newest first; acts at the same time in the statement's order (the search id as
            // PostgreSQL orders uuids: by their bytes, as their text)
            acts.sort(
                    Comparator.comparing(Event::at)
                            .reversed()
                            .thenComparing(e -> e.search().value().toString()));
            for (Event e : acts.subList(0, Math.min(weighing.perUserCap(), acts.size()))) {
                boolean same = queryNorm != null && queryNorm.equals(e.queryNorm());
                Double similarity = similarity(space, vector, e);
                if (!same && (similarity == null || similarity < weighing.minQuerySimilarity())) {
                    continue;
                }
                double w = e.reward() * weight(e.position(), weighing);
                events++;
                if (same) {
                    exact += w;
                } else {
                    similar += w * similarity;
                }
            }
        }
        return new Signal(events, exact, similar);
    }

    /** The inverse propensity of a position, {@code position^eta}, at most {@code maxWeight}. */
    public static double weight(int position, Tracking.Weighing weighing) {
        return Math.min(Math.pow(position, weighing.eta()), weighing.maxWeight());
    }

    /** The cosine similarity of the two queries' embeddings; null when not comparable. */
    static Double similarity(String space, float[] vector, Event e) {
        if (vector == null
                || e.queryVector() == null
                || space == null
                || !space.equals(e.space())
                || vector.length != e.queryVector().length) {
            return null;
        }
        double dot = 0;
        double a = 0;
        double b = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += (double) vector[i] * e.queryVector()[i];
            a += (double) vector[i] * vector[i];
            b += (double) e.queryVector()[i] * e.queryVector()[i];
        }
        return a == 0 || b == 0 ? null : dot / Math.sqrt(a * b);
    }
}
