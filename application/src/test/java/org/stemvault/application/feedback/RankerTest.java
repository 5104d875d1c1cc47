package org.stemvault.application.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.feedback.RankerModel;
import org.stemvault.domain.feedback.SearchFeedback.Event;
import org.stemvault.domain.feedback.SearchId;
import org.stemvault.domain.feedback.Signal;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.search.Hit;
import org.stemvault.domain.search.Tracking;

/** The learned ranker's rules, on the use-case side: fallback, isolation, bias, caps, training. */
class RankerTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    static final ProfileName BAND = new ProfileName("band");
    static final ProfileName OTHER = new ProfileName("other");
    static final RankerModel MODEL = new RankerModel(1, 1, 2, 1, 2, 100, 50, T0);
    static final Tracking.Weighing WEIGHING = new Tracking.Weighing(1, 10, 3, 0.8);

    static Hit hit(ProfileName profile, String name, double score, Signal signal) {
        Recording r =
                Recording.create(
                        ProfileId.random(), new OutputName(name), name, "", null, List.of(), T0);
        return new Hit(r, profile, score, null, null, null, signal);
    }

    static List<String> names(List<Hit> hits) {
        return hits.stream().map(h -> h.recording().outputName().value()).toList();
    }

    static Signal wanted(int events) {
        return new Signal(events, 20, 0);
    }

    @Test
    void without_a_model_or_enough_feedback_the_order_is_todays_exactly() {
        List<Hit> pool =
                List.of(
                        hit(BAND, "a", 0.9, Signal.NONE),
                        hit(BAND, "b", 0.8, wanted(2)),
                        hit(BAND, "c", 0.7, Signal.NONE));
        assertEquals(List.of("a", "b"), names(Ranker.rank(pool, 2, null, 5)));
        assertEquals(
                List.of("a", "b", "c"),
                names(Ranker.rank(pool, 10, MODEL, 5)),
                "two acts are fewer than five: today's order");
        assertEquals(
                List.of("b", "a", "c"),
                names(Ranker.rank(pool, 10, MODEL, 2)),
                "with enough acts the wanted result rises");
        assertEquals(List.of(), Ranker.rank(List.of(), 10, MODEL, 1));
    }

    @Test
    void a_candidate_beyond_the_limit_can_rise_into_it_and_ties_keep_todays_order() {
        List<Hit> pool =
                List.of(
                        hit(BAND, "a", 1.0, Signal.NONE),
                        hit(BAND, "b", 0.9, Signal.NONE),
                        hit(BAND, "c", 0.5, wanted(6)));
        assertEquals(List.of("c", "a"), names(Ranker.rank(pool, 2, MODEL, 5)));
        List<Hit> tied =
                List.of(
                        hit(BAND, "a", 1.0, new Signal(5, 0, 0)),
                        hit(BAND, "b", 1.0, new Signal(5, 0, 0)));
        assertEquals(List.of("a", "b"), names(Ranker.rank(tied, 2, MODEL, 5)));
    }

    @Test
    void one_profiles_feedback_never_moves_another_profiles_results() {
        List<Hit> quiet =
                List.of(
                        hit(BAND, "a", 1.0, Signal.NONE),
                        hit(OTHER, "x", 0.95, new Signal(6, 1, 0)),
                        hit(BAND, "b", 0.9, Signal.NONE),
                        hit(OTHER, "y", 0.85, new Signal(6, 5, 0)),
                        hit(BAND, "c", 0.2, Signal.NONE));
        List<Hit> loud = new ArrayList<>(quiet);
        loud.set(4, hit(BAND, "c", 0.2, wanted(50)));
        loud.set(2, hit(BAND, "b", 0.9, new Signal(50, -40, 0)));
        List<Hit> before = Ranker.rank(quiet, 4, MODEL, 5);
        List<Hit> after = Ranker.rank(loud, 4, MODEL, 5);
        assertEquals(List.of("a", "y", "b", "x"), names(before), "band: too few acts, unmoved");
        assertEquals(List.of("c", "y", "a", "x"), names(after));
        for (int k = 0; k < 4; k++) {
            if (before.get(k).profile().equals(OTHER)) {
                assertEquals(before.get(k), after.get(k), "the other profile's slot " + k);
            }
        }
    }

    static Event act(
            UUID user, RecordingId recording, String query, int position, double reward, int t) {
        return new Event(
                new SearchId(new UUID(0, t)),
                recording,
                UUID.randomUUID(),
                user,
                query,
                "text",
                new float[] {1, 0},
                position,
                reward,
                0.5,
                T0.plusSeconds(t),
                T0.plusSeconds(t));
    }

    @Test
    void a_position_weighs_by_its_inverse_propensity_capped() {
        assertEquals(1, Signals.weight(1, WEIGHING));
        assertEquals(5, Signals.weight(5, WEIGHING));
        assertEquals(10, Signals.weight(40, WEIGHING), "at most max_weight");
        assertEquals(
                Math.sqrt(5), Signals.weight(5, new Tracking.Weighing(0.5, 10, 3, 0.8)), 1e-12);
        RecordingId r = RecordingId.random();
        Signal low =
                Signals.of(
                        List.of(act(UUID.randomUUID(), r, "q", 1, 1, 1)),
                        "q",
                        null,
                        null,
                        WEIGHING);
        Signal deep =
                Signals.of(
                        List.of(act(UUID.randomUUID(), r, "q", 6, 1, 1)),
                        "q",
                        null,
                        null,
                        WEIGHING);
        assertEquals(1, low.exact());
        assertEquals(6, deep.exact(), "a click found at 6 says six times as much as one at 1");
    }

    @Test
    void one_member_counts_at_most_the_cap_and_only_this_or_similar_queries_count() {
        RecordingId r = RecordingId.random();
        UUID script = UUID.randomUUID();
        List<Event> acts = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            acts.add(act(script, r, "q", 1, 1, t));
        }
        acts.add(act(UUID.randomUUID(), r, "q", 1, 1, 200));
        Signal capped = Signals.of(acts, "q", null, null, WEIGHING);
        assertEquals(4, capped.events(), "three of the script's, one of the member's");
        assertEquals(4, capped.exact());
        Signal other = Signals.of(acts, "another query", null, null, WEIGHING);
        assertEquals(Signal.NONE, other, "no embedding given: only the same query counts");
        Signal near = Signals.of(acts, "another query", "text", new float[] {1, 0.1f}, WEIGHING);
        assertEquals(4, near.events(), "a similar query (cosine 0.995) counts, weighted");
        assertEquals(4 * (1 / Math.sqrt(1.01)), near.similar(), 1e-6);
        assertEquals(
                Signal.NONE,
                Signals.of(acts, "x", "text", new float[] {0, 1}, WEIGHING),
                "an unrelated query (cosine 0) does not");
        assertEquals(
                Signal.NONE,
                Signals.of(acts, "x", "audio", new float[] {1, 0}, WEIGHING),
                "nor a query in another space");
    }

    @Test
    void a_members_newest_acts_count_whatever_query_they_answered() {
        RecordingId r = RecordingId.random();
        UUID member = UUID.randomUUID();
        List<Event> acts = new ArrayList<>();
        acts.add(act(member, r, "q", 1, 2, 1));
        acts.add(act(member, r, "q", 1, 2, 2));
        acts.add(elsewhere(member, r, 10));
        Signal two = Signals.of(acts, "q", "text", new float[] {1, 0}, WEIGHING);
        assertEquals(2, two.events(), "the cap of 3 holds all three; two answer this query");
        assertEquals(4, two.exact());
        acts.add(elsewhere(member, r, 11));
        acts.add(elsewhere(member, r, 12));
        assertEquals(
                Signal.NONE,
                Signals.of(acts, "q", "text", new float[] {1, 0}, WEIGHING),
                "the member's three newest acts answered an unrelated query: none of theirs counts");
        Signal there = Signals.of(acts, "elsewhere", "text", new float[] {0, 1}, WEIGHING);
        assertEquals(3, there.events(), "they count for the query they answered");
    }

    /** An act answering a query unrelated to "q" (orthogonal embeddings). */
    static Event elsewhere(UUID user, RecordingId recording, int t) {
        Event e = act(user, recording, "elsewhere", 1, 1, t);
        return new Event(
                e.search(),
                recording,
                e.profile(),
                user,
                "elsewhere",
                "text",
                new float[] {0, 1},
                1,
                1,
                0.5,
                e.searchedAt(),
                e.at());
    }

    @Test
    void training_learns_to_trust_feedback_that_predicts_what_members_want() {
        List<Event> events = new ArrayList<>();
        RecordingId good = RecordingId.random();
        RecordingId bad = RecordingId.random();
        int t = 0;
        for (int search = 0; search < 40; search++) {
            UUID member = UUID.randomUUID();
            SearchId id = new SearchId(new UUID(1, search));
            Instant at = T0.plusSeconds(t += 10);
            // the wanted result is shown below the unwanted one, whose base score is higher
            events.add(
                    new Event(
                            id,
                            good,
                            UUID.randomUUID(),
                            member,
                            "q",
                            null,
                            null,
                            2,
                            2,
                            0.6,
                            at,
                            at));
            events.add(
                    new Event(
                            id,
                            bad,
                            UUID.randomUUID(),
                            member,
                            "q",
                            null,
                            null,
                            1,
                            -1,
                            1.0,
                            at,
                            at));
        }
        RankerModel model = RankerTraining.train(events, WEIGHING, 2, T0);
        assertNotNull(model);
        assertEquals(1, model.base());
        assertTrue(
                model.exact() > 0.5,
                "the signal for this query predicts the wanted result: " + model);
        assertEquals(80, model.events());
        assertEquals(40, model.pairs());
        assertNull(
                RankerTraining.train(
                        events.stream().filter(e -> e.reward() > 0).toList(), WEIGHING, 2, T0),
                "no skip, no pair: nothing to learn");
    }
}
