package org.stemvault.bootstrap;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.application.feedback.CurrentModel;
import org.stemvault.application.feedback.FeedbackLog;
import org.stemvault.application.feedback.FeedbackPolicy;
import org.stemvault.application.search.Search;
import org.stemvault.application.search.Spaces;
import org.stemvault.application.search.TextIndex;
import org.stemvault.domain.feedback.Feedback;
import org.stemvault.domain.feedback.RankerModel;
import org.stemvault.domain.feedback.RankerModels;
import org.stemvault.domain.feedback.SearchFeedback;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.Hit;
import org.stemvault.domain.search.SearchQuery;
import org.stemvault.domain.search.Tracking;
import org.stemvault.domain.search.Vector;
import org.stemvault.domain.search.VectorSearch;
import org.stemvault.domain.user.User;

/**
 * The offline evaluation of search that learns ({@code bench/ranking.sh}; not part of the test
 * suite): a generated library whose relevance is known, a simulated member, searches split by time
 * into training and held-out ones, nDCG@10 and MRR of the learned ranker against today's ranking,
 * the learning curve, and the cost per search at 1 and 8 threads.
 *
 * <p><b>The library.</b> {@value #TOPICS} topics, each a random direction in {@value #DIMENSIONS}
 * dimensions; {@value #RECORDINGS} recordings, each with a hidden true vector (its topic's
 * direction plus noise) and a stored embedding that is the true vector plus more noise (the
 * embedding model's error): today's semantic ranking by the stored embedding is good but not right.
 * A recording's relevance to a topic's query is graded from the true vectors' cosine: 3, 2, 1 for
 * the best 3, next 5, next 10 of the topic, else 0.
 *
 * <p><b>The member.</b> Looks at position k with probability 1/k (position bias); a looked-at
 * result is played with probability 0.85, 0.55, 0.25, 0.05 by relevance 3, 2, 1, 0 (the last:
 * noise), to its end when relevance is 3, else for 5 to 40 seconds; a looked-at result not played
 * is skipped. Each search is by one of 30 members.
 *
 * <p><b>The searches.</b> Training: {@value #TRAINING} searches over {@value #KNOWN} known topics,
 * each its topic's canonical text and vector (repeated queries) or one of three wordings with a
 * vector near it (cosine about 0.9). Held-out (after training, in time): each known topic's
 * canonical query (repeated), a new wording of it (near-repeated, never searched before), and the
 * {@code TOPICS - KNOWN} topics never searched (new).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RankingBench implements TestPropertyProvider {

    static final int DIMENSIONS = 32;
    static final int TOPICS = 60;
    static final int KNOWN = 40;
    static final int RECORDINGS = 1200;
    static final int TRAINING = 3000;
    static final int[] CHECKPOINTS = {250, 500, 1000, 2000, 3000};
    static final EmbeddingSpace SPACE =
            new EmbeddingSpace("audio", DIMENSIONS, EmbeddingSpace.Source.EXTERNAL);
    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Inject Seed seed;
    @Inject Recordings recordings;
    @Inject Embeddings embeddings;
    @Inject Spaces spaces;
    @Inject VectorSearch vectorSearch;
    @Inject Catalogue catalogue;
    @Inject TextIndex textIndex;
    @Inject SearchFeedback feedback;
    @Inject RankerModels models;
    @Inject Clock clock;

    final Random random = new Random(42);
    float[][] topics;
    Map<RecordingId, float[]> truth = new HashMap<>();
    List<Viewer> members = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestApp.properties());
        p.put("stemvault.embedding.spaces", "audio:" + DIMENSIONS + ":external");
        p.put("datasources.default.maximum-pool-size", "10");
        return p;
    }

    float[] unit(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / Math.sqrt(n));
        }
        return u;
    }

    float[] noisy(float[] v, double sigma) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] + random.nextGaussian() * sigma);
        }
        return unit(out);
    }

    static double cos(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
        }
        return d;
    }

    /** A query: its text, its vector, its topic. */
    record Query(String text, float[] vector, int topic) {}

    /** Relevance of each recording to each topic, graded. */
    Map<Integer, Map<RecordingId, Integer>> relevance = new HashMap<>();

    void library(Profile band) {
        topics = new float[TOPICS][];
        for (int t = 0; t < TOPICS; t++) {
            float[] v = new float[DIMENSIONS];
            for (int i = 0; i < DIMENSIONS; i++) {
                v[i] = (float) random.nextGaussian();
            }
            topics[t] = unit(v);
        }
        for (int i = 0; i < RECORDINGS; i++) {
            int t = i % TOPICS;
            float[] hidden = noisy(topics[t], 0.12);
            float[] stored = noisy(hidden, 0.06);
            Recording r =
                    recordings.save(
                            Recording.create(
                                    band.id(),
                                    new OutputName("take-" + i),
                                    "Take " + i,
                                    "",
                                    null,
                                    List.of(),
                                    T0));
            embeddings.put(new Embedding(r.id(), null, SPACE, Vector.of(stored), null, T0));
            truth.put(r.id(), hidden);
        }
        for (int t = 0; t < TOPICS; t++) {
            int topic = t;
            List<RecordingId> best =
                    truth.keySet().stream()
                            .sorted(
                                    (a, b) ->
                                            Double.compare(
                                                    cos(truth.get(b), topics[topic]),
                                                    cos(truth.get(a), topics[topic])))
                            .limit(18)
                            .toList();
            Map<RecordingId, Integer> grades = new HashMap<>();
            for (int k = 0; k < best.size(); k++) {
                grades.put(best.get(k), k < 3 ? 3 : k < 8 ? 2 : 1);
            }
            relevance.put(t, grades);
        }
    }

    Query canonical(int topic) {
        return new Query("topic " + topic, topics[topic], topic);
    }

    Query wording(int topic, int variant) {
        Random r = new Random(topic * 100L + variant);
        float[] v = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            v[i] = (float) (topics[topic][i] + r.nextGaussian() * 0.08);
        }
        return new Query("topic " + topic + " wording " + variant, unit(v), topic);
    }

    SearchQuery query(Query q) {
        return new SearchQuery(
                SearchQuery.Mode.SEMANTIC,
                q.text(),
                Vector.of(q.vector()),
                "audio",
                null,
                10,
                0,
                SearchQuery.Filters.NONE);
    }

    /** The simulated member's acts on one answer, recorded through the real statement. */
    int act(FeedbackLog log, Viewer viewer, Search.Searched<Hit> answer, int topic) {
        int acts = 0;
        Map<RecordingId, Integer> grades = relevance.get(topic);
        for (int k = 0; k < answer.results().size(); k++) {
            int position = k + 1;
            if (random.nextDouble() >= 1.0 / position) {
                continue;
            }
            RecordingId id = answer.results().get(k).recording().id();
            int grade = grades.getOrDefault(id, 0);
            double p =
                    switch (grade) {
                        case 3 -> 0.85;
                        case 2 -> 0.55;
                        case 1 -> 0.25;
                        default -> 0.05;
                    };
            Feedback act =
                    random.nextDouble() < p
                            ? new Feedback(
                                    answer.id(),
                                    id,
                                    Feedback.Action.PLAYED,
                                    position,
                                    grade == 3 ? 180.0 : 5 + random.nextInt(36),
                                    grade == 3,
                                    null)
                            : new Feedback(
                                    answer.id(),
                                    id,
                                    Feedback.Action.SKIPPED,
                                    position,
                                    null,
                                    false,
                                    2.0);
            log.record(viewer, act);
            acts++;
        }
        return acts;
    }

    /** nDCG@10 and the reciprocal rank of the first of the topic's best three. */
    double[] quality(List<Hit> hits, int topic) {
        Map<RecordingId, Integer> grades = relevance.get(topic);
        double dcg = 0;
        double rr = 0;
        for (int k = 0; k < Math.min(10, hits.size()); k++) {
            int g = grades.getOrDefault(hits.get(k).recording().id(), 0);
            dcg += (Math.pow(2, g) - 1) / (Math.log(k + 2) / Math.log(2));
            if (rr == 0 && g == 3) {
                rr = 1.0 / (k + 1);
            }
        }
        List<Integer> ideal = grades.values().stream().sorted((a, b) -> b - a).limit(10).toList();
        double idcg = 0;
        for (int k = 0; k < ideal.size(); k++) {
            idcg += (Math.pow(2, ideal.get(k)) - 1) / (Math.log(k + 2) / Math.log(2));
        }
        return new double[] {dcg / idcg, rr};
    }

    Search search(FeedbackPolicy policy, CurrentModel model) {
        return new Search(
                spaces, embeddings, vectorSearch, catalogue, textIndex, 60, policy, model);
    }

    @Test
    void evaluate() throws Exception {
        seed.reset();
        Profile band = seed.profile("band");
        for (int m = 0; m < 30; m++) {
            User user = seed.user("member" + m + "@example.com");
            seed.grant(user, band);
            members.add(TestSessions.viewer(seed.token(user)));
        }
        library(band);
        FeedbackPolicy logging =
                new FeedbackPolicy(
                        java.time.Duration.ofDays(180),
                        false,
                        new Tracking.Weighing(1, 10, 3, 0.8),
                        20,
                        5,
                        2);
        FeedbackPolicy learning =
                new FeedbackPolicy(
                        logging.retention(), true, logging.weighing(), 20, 5, logging.scale());
        CurrentModel model = new CurrentModel(models, clock, java.time.Duration.ZERO);
        FeedbackLog log = new FeedbackLog(feedback, models, model, learning, clock);
        Search today = search(FeedbackPolicy.OFF, null);
        Search logged = search(logging, null);
        Search learned = search(learning, model);

        List<Query> heldRepeated = new ArrayList<>();
        List<Query> heldNear = new ArrayList<>();
        List<Query> heldNew = new ArrayList<>();
        for (int t = 0; t < KNOWN; t++) {
            heldRepeated.add(canonical(t));
            heldNear.add(wording(t, 9));
        }
        for (int t = KNOWN; t < TOPICS; t++) {
            heldNew.add(canonical(t));
        }
        StringBuilder out = new StringBuilder();
        out.append("recordings ").append(RECORDINGS).append('\n');
        for (Map.Entry<String, List<Query>> e :
                Map.of("repeated", heldRepeated, "near", heldNear, "new", heldNew).entrySet()) {
            double[] base = mean(today, e.getValue());
            out.append("today_")
                    .append(e.getKey())
                    .append(' ')
                    .append(String.format("%.4f %.4f", base[0], base[1]))
                    .append('\n');
        }
        int done = 0;
        int events = 0;
        for (int checkpoint : CHECKPOINTS) {
            for (; done < checkpoint; done++) {
                int topic = random.nextInt(KNOWN);
                int variant = random.nextInt(4);
                Query q = variant == 3 ? canonical(topic) : wording(topic, variant);
                Viewer viewer = members.get(random.nextInt(members.size()));
                events += act(log, viewer, logged.search(viewer, query(q)), topic);
            }
            RankerModel m = log.train();
            double[] rep = mean(learned, heldRepeated);
            double[] near = mean(learned, heldNear);
            double[] fresh = mean(learned, heldNew);
            out.append(
                    String.format(
                            "curve %d %d %.4f %.4f %.4f %.4f %.4f %.4f %s%n",
                            checkpoint,
                            events,
                            rep[0],
                            rep[1],
                            near[0],
                            near[1],
                            fresh[0],
                            fresh[1],
                            m == null
                                    ? "none"
                                    : String.format(
                                            "%.3f/%.3f/%.3f", m.base(), m.exact(), m.similar())));
        }
        // the cost of a search: today's statement against the learned one (log, signals, re-rank)
        List<Query> load = new ArrayList<>(heldRepeated);
        load.addAll(heldNear);
        load.addAll(heldNew);
        for (int threads : new int[] {1, 8}) {
            latency(today, load, threads, 500);
            latency(logged, load, threads, 500);
            latency(learned, load, threads, 500);
            double[] a = latency(today, load, threads, 2000);
            double[] l = latency(logged, load, threads, 2000);
            double[] b = latency(learned, load, threads, 2000);
            double[] a2 = latency(today, load, threads, 2000);
            out.append(
                    String.format(
                            "latency %d %.3f %.3f %.3f %.3f %.3f %.3f %.3f %.3f%n",
                            threads,
                            (a[0] + a2[0]) / 2,
                            (a[1] + a2[1]) / 2,
                            b[0],
                            b[1],
                            a2[0],
                            a[0],
                            l[0],
                            l[1]));
        }
        String result = out.toString();
        System.out.print(result);
        String file = System.getenv("STEMVAULT_BENCH_OUT");
        if (file != null) {
            Files.writeString(Path.of(file), result);
        }
    }

    double[] mean(Search search, List<Query> queries) {
        double ndcg = 0;
        double mrr = 0;
        for (Query q : queries) {
            double[] quality =
                    quality(search.search(members.get(0), query(q)).results(), q.topic());
            ndcg += quality[0];
            mrr += quality[1];
        }
        return new double[] {ndcg / queries.size(), mrr / queries.size()};
    }

    /** Median and 99th percentile milliseconds of {@code n} searches over {@code threads}. */
    double[] latency(Search search, List<Query> queries, int threads, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                parts.add(
                        pool.submit(
                                () -> {
                                    double[] times = new double[n / threads];
                                    for (int i = 0; i < times.length; i++) {
                                        Query q = queries.get((offset * 7 + i) % queries.size());
                                        Viewer v = members.get((offset + i) % members.size());
                                        long start = System.nanoTime();
                                        search.search(v, query(q));
                                        times[i] = (System.nanoTime() - start) / 1e6;
                                    }
                                    return times;
                                }));
            }
            List<Double> all = new ArrayList<>();
            for (Future<double[]> part : parts) {
                for (double t : part.get()) {
                    all.add(t);
                }
            }
            double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return new double[] {
                sorted[sorted.length / 2], sorted[(int) Math.floor(sorted.length * 0.99)]
            };
        } finally {
            pool.shutdown();
        }
    }
}
