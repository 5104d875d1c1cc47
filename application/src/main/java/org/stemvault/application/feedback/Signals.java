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
 * applies (training reads it here, for each search as of its time): an act counts when its query is
 * this one (same normal form) or similar (same space, cosine of the embeddings at least {@code
 * minQuerySimilarity}); of each member's counting acts only the newest {@code perUserCap}; each
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
        Map<UUID, List<Counted>> byMember = new HashMap<>();
        for (Event e : past) {
            boolean same = queryNorm != null && queryNorm.equals(e.queryNorm());
            Double similarity = similarity(space, vector, e);
            if (same || (similarity != null && similarity >= weighing.minQuerySimilarity())) {
                byMember.computeIfAbsent(e.user(), u -> new ArrayList<>())
                        .add(new Counted(e, same, similarity));
            }
        }
        int events = 0;
        double exact = 0;
        double similar = 0;
        for (List<Counted> acts : byMember.values()) {
            acts.sort(Comparator.comparing((Counted c) -> c.event().at()).reversed());
            for (Counted c : acts.subList(0, Math.min(weighing.perUserCap(), acts.size()))) {
                double w = c.event().reward() * weight(c.event().position(), weighing);
                events++;
                if (c.same()) {
                    exact += w;
                } else {
                    similar += w * c.similarity();
                }
            }
        }
        return new Signal(events, exact, similar);
    }

    /** The inverse propensity of a position, {@code position^eta}, at most {@code maxWeight}. */
    public static double weight(int position, Tracking.Weighing weighing) {
        return Math.min(Math.pow(position, weighing.eta()), weighing.maxWeight());
    }

    private record Counted(Event event, boolean same, Double similarity) {}

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
