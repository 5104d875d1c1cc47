package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.application.feedback.CurrentModel;
import org.stemvault.application.feedback.FeedbackLog;
import org.stemvault.application.feedback.Queries;
import org.stemvault.application.feedback.Ranker;
import org.stemvault.application.feedback.Signals;
import org.stemvault.domain.feedback.RankerModel;
import org.stemvault.domain.feedback.RankerModels;
import org.stemvault.domain.feedback.SearchFeedback;
import org.stemvault.domain.feedback.SearchId;
import org.stemvault.domain.feedback.Signal;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
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
import org.stemvault.postgres.TestDatabase;

/**
 * Search that learns: every answer's search id, feedback on its results (JSON or a beacon's text),
 * what is refused, the search statement's signals against the rules' own computation, the learned
 * ranker's isolation between profiles, retention and deletion, and the admin insights.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchFeedbackTest implements TestPropertyProvider {

    static final Instant T0 = Instant.parse("2025-10-30T05:41:36Z");
    static final EmbeddingSpace AUDIO =
            new EmbeddingSpace("audio", 4, EmbeddingSpace.Source.EXTERNAL);
    static final Tracking.Weighing WEIGHING = new Tracking.Weighing(1, 10, 3, 0.8);

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject Recordings recordings;
    @Inject Embeddings embeddings;
    @Inject SearchFeedback feedback;
    @Inject RankerModels models;
    @Inject CurrentModel current;
    @Inject FeedbackLog log;
    @Inject VectorSearch vectorSearch;

    User memberUser;
    String member;
    String other;
    String admin;
    Profile band;
    Profile side;
    Map<String, Recording> takes;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(TestApp.properties());
        p.put("stemvault.feedback.ranker", "true");
        p.put("stemvault.feedback.min-events", "1");
        p.put("stemvault.feedback.model-ttl", "0s");
        return p;
    }

    Recording take(Profile p, String name, String title, float... v) {
        Recording r =
                recordings.save(
                        Recording.create(
                                p.id(), new OutputName(name), title, "", null, List.of(), T0));
        embeddings.put(new Embedding(r.id(), null, AUDIO, Vector.of(v), null, T0));
        takes.put(name, r);
        return r;
    }

    @BeforeEach
    void seed() {
        seed.reset();
        current.refresh();
        takes = new HashMap<>();
        band = seed.profile("band");
        side = seed.profile("side");
        memberUser = seed.user("member@example.com");
        seed.grant(memberUser, band);
        seed.grant(memberUser, side);
        member = seed.token(memberUser);
        other = seed.memberOf(band, "other@example.com");
        admin = seed.token(seed.admin("admin@example.com"));
        take(band, "a", "Groove one", 1, 0, 0, 0);
        take(band, "b", "Groove two", 0.9f, 0.1f, 0, 0);
        take(band, "c", "Groove three", 0.8f, 0.2f, 0, 0);
        take(side, "x", "Groove side", 0.95f, 0.05f, 0, 0);
        take(side, "y", "Groove side two", 0.85f, 0.15f, 0, 0);
    }

    HttpResponse<String> search(String token, String json) throws Exception {
        return Api.call(server, "POST", "/api/search", token, json);
    }

    static String searchId(HttpResponse<String> answer) {
        String body = answer.body();
        int at = body.indexOf("\"search_id\":\"");
        assertTrue(at > 0, body);
        return body.substring(at + 13, at + 13 + 36);
    }

    static List<String> names(String body) {
        List<String> names = new ArrayList<>();
        int at = 0;
        while ((at = body.indexOf("{\"file\":{\"name\":\"", at)) >= 0) {
            at += 17;
            names.add(body.substring(at, body.indexOf('"', at)));
        }
        return names;
    }

    HttpResponse<String> act(String token, String searchId, String json, String... headers)
            throws Exception {
        return Api.call(
                server, "POST", "/api/search/" + searchId + "/feedback", token, json, headers);
    }

    String played(String name, int position) {
        return "{\"recording_id\":\""
                + takes.get(name).id()
                + "\",\"action\":\"played\",\"position\":"
                + position
                + ",\"seconds_played\":40,\"played_to_end\":false,\"dwell_seconds\":41}";
    }

    String skipped(String name, int position) {
        return "{\"recording_id\":\""
                + takes.get(name).id()
                + "\",\"action\":\"skipped\",\"position\":"
                + position
                + "}";
    }

    static final String GROOVE = "{\"mode\":\"fulltext\",\"query\":\"groove\",\"limit\":3}";

    @Test
    void every_answer_carries_a_search_id_and_feedback_on_its_results_is_kept() throws Exception {
        HttpResponse<String> answer = search(member, GROOVE);
        assertEquals(200, answer.statusCode(), answer.body());
        String id = searchId(answer);
        List<String> shown = names(answer.body());
        assertEquals(3, shown.size(), answer.body());
        assertEquals(204, act(member, id, played(shown.get(1), 2)).statusCode());
        assertEquals(204, act(member, id, played(shown.get(1), 2)).statusCode(), "a resend");
        // a beacon: a string body, sent as text/plain without a preflight
        HttpRequest beacon =
                HttpRequest.newBuilder(
                                URI.create(server.getURL() + "/api/search/" + id + "/feedback"))
                        .POST(HttpRequest.BodyPublishers.ofString(skipped(shown.get(0), 1)))
                        .header("Content-Type", "text/plain;charset=UTF-8")
                        .header("Authorization", "Bearer " + member)
                        .build();
        assertEquals(204, Api.HTTP.send(beacon, HttpResponse.BodyHandlers.ofString()).statusCode());
        List<SearchFeedback.Event> events = feedback.events();
        assertEquals(2, events.size(), "one row per result and act");
        SearchFeedback.Event play =
                events.stream().filter(e -> e.reward() > 0).findFirst().orElseThrow();
        assertEquals(takes.get(shown.get(1)).id(), play.recording());
        assertEquals("groove", play.queryNorm());
        assertEquals(2, play.position());
        assertEquals(2.0, play.reward(), "played 40 s: 1 + 1");
        assertEquals(memberUser.id().value(), play.user());

        HttpResponse<String> similar =
                Api.call(
                        server,
                        "GET",
                        "/api/profiles/band/files/a/similar?space=audio&min_similarity=0",
                        member,
                        null);
        String similarId = similar.headers().firstValue("X-Search-Id").orElseThrow();
        assertEquals(
                204,
                act(
                                member,
                                similarId,
                                "{\"recording_id\":\""
                                        + takes.get("b").id()
                                        + "\",\"action\":\"opened\",\"position\":1}")
                        .statusCode());
        assertEquals(204, act(member, similarId, skipped("c", 2)).statusCode());
        List<SearchFeedback.Event> onSimilar =
                feedback.events().stream()
                        .filter(
                                e ->
                                        Queries.similarTo(takes.get("a").id().value())
                                                .equals(e.queryNorm()))
                        .toList();
        assertEquals(2, onSimilar.size());
        // the query's embedding is kept with each act, and read once for all of them
        assertArrayEquals(
                new float[] {1, 0, 0, 0}, onSimilar.get(0).queryVector(), "the query: a's vector");
        assertSame(onSimilar.get(0).queryVector(), onSimilar.get(1).queryVector());
    }

    @Test
    void feedback_on_what_the_caller_could_not_see_is_refused_as_missing() throws Exception {
        HttpResponse<String> mine = search(member, GROOVE);
        String id = searchId(mine);
        List<String> shown = names(mine.body());
        String x =
                "{\"recording_id\":\""
                        + takes.get("x").id()
                        + "\",\"action\":\"opened\",\"position\":1}";
        HttpResponse<String> bandOnly =
                search(
                        member,
                        "{\"mode\":\"fulltext\",\"query\":\"groove\",\"profiles\":[\"band\"]}");
        String bandId = searchId(bandOnly);
        String before = Seed.snapshot();
        for (String[] c :
                new String[][] {
                    {member, UUID.randomUUID().toString(), played("a", 1)},
                    {member, "not-a-search", played("a", 1)},
                    {other, id, played(shown.get(0), 1)},
                    {member, bandId, x},
                    {member, id, played(shown.get(0), 4)},
                }) {
            HttpResponse<String> r = act(c[0], c[1], c[2]);
            assertEquals(404, r.statusCode(), String.join(" ", c) + r.body());
            assertTrue(
                    r.headers().firstValue("Content-Type").orElseThrow().contains("problem+json"));
        }
        assertEquals(before, Seed.snapshot(), "nothing kept");
        for (String[] c :
                new String[][] {
                    {"{\"action\":\"played\",\"position\":1}", "recording_id"},
                    {
                        "{\"recording_id\":\"nope\",\"action\":\"played\",\"position\":1}",
                        "recording_id"
                    },
                    {
                        "{\"recording_id\":\""
                                + takes.get("a").id()
                                + "\",\"action\":\"liked\",\"position\":1}",
                        "action"
                    },
                    {
                        "{\"recording_id\":\""
                                + takes.get("a").id()
                                + "\",\"action\":\"opened\",\"position\":0}",
                        "position"
                    },
                    {
                        "{\"recording_id\":\""
                                + takes.get("a").id()
                                + "\",\"action\":\"opened\",\"position\":1.5}",
                        "position"
                    },
                    {
                        "{\"recording_id\":\""
                                + takes.get("a").id()
                                + "\",\"action\":\"skipped\",\"position\":1,\"seconds_played\":3}",
                        "seconds_played"
                    },
                    {
                        "{\"recording_id\":\""
                                + takes.get("a").id()
                                + "\",\"action\":\"played\",\"position\":1,\"seconds_played\":-3}",
                        "seconds_played"
                    },
                    {
                        "{\"recording_id\":\""
                                + takes.get("a").id()
                                + "\",\"action\":\"played\",\"position\":1,\"dwell_seconds\":1e400}",
                        "dwell_seconds"
                    },
                    {"[1]", "body"},
                    {
                        "{\"recording_id\":\""
                                + takes.get("a").id()
                                + "\",\"action\":\"opened\",\"position\":1} x",
                        "body"
                    },
                }) {
            HttpResponse<String> r = act(member, id, c[0]);
            assertEquals(400, r.statusCode(), c[0] + r.body());
            assertTrue(r.body().contains("\"field\":\"" + c[1] + "\""), c[0] + r.body());
        }
        assertEquals(401, act(null, id, played(shown.get(0), 1)).statusCode());
        // a session cookie from a page elsewhere: the CSRF guard's origin rule
        HttpResponse<String> forged =
                act(
                        null,
                        id,
                        played(shown.get(0), 1),
                        "Cookie",
                        "JWT=" + member,
                        "Origin",
                        "https://evil.example");
        assertEquals(403, forged.statusCode(), forged.body());
        HttpResponse<String> own =
                act(
                        null,
                        id,
                        played(shown.get(0), 1),
                        "Cookie",
                        "JWT=" + member,
                        "Origin",
                        server.getURL().toString());
        assertEquals(204, own.statusCode(), "the service's own page: " + own.body());
        assertNotEquals(before, Seed.snapshot(), "the own page's act is kept");
    }

    @Test
    void the_statements_signal_is_the_rules_own_for_every_candidate() throws Exception {
        String[] queries = {"groove", "groove one", "GROOVE  "};
        for (int round = 0; round < 4; round++) {
            for (String q : queries) {
                String token = round % 2 == 0 ? member : other;
                HttpResponse<String> answer =
                        search(
                                token,
                                "{\"mode\":\"fulltext\",\"query\":\""
                                        + q
                                        + "\",\"profiles\":[\"band\"]}");
                String id = searchId(answer);
                List<String> shown = names(answer.body());
                for (int k = 0; k < shown.size(); k++) {
                    String body =
                            (k + round) % 3 == 0
                                    ? skipped(shown.get(k), k + 1)
                                    : played(shown.get(k), k + 1);
                    assertEquals(204, act(token, id, body).statusCode());
                }
            }
        }
        List<SearchFeedback.Event> events = feedback.events();
        assertTrue(events.size() >= 24, "acts: " + events.size());
        Viewer viewer = TestSessions.viewer(member);
        List<Hit> hits = groove(viewer, 10, 10, null);
        assertEquals(5, hits.size());
        boolean someSignal = false;
        for (Hit h : hits) {
            Signal expected =
                    Signals.of(
                            events.stream()
                                    .filter(e -> e.recording().equals(h.recording().id()))
                                    .toList(),
                            "groove",
                            null,
                            null,
                            WEIGHING);
            assertEquals(
                    expected.events(), h.signal().events(), h.recording().outputName().value());
            assertEquals(
                    expected.exact(), h.signal().exact(), 1e-4, h.recording().outputName().value());
            assertEquals(expected.similar(), h.signal().similar(), 1e-4);
            someSignal |= expected.events() > 0;
        }
        assertTrue(someSignal, "the band's takes carry acts");
        // the statement's learned order is the Ranker's on the same pool
        RankerModel model = new RankerModel(0, 1, 3, 1, 2, 10, 5, T0);
        List<Hit> pool = groove(viewer, 3, 5, null);
        assertEquals(5, pool.size());
        for (int minEvents : new int[] {1, 1000}) {
            List<Hit> learned = groove(viewer, 3, 5, new Tracking.Learned(model, minEvents));
            assertEquals(
                    outputNames(Ranker.rank(pool, 3, model, minEvents)),
                    outputNames(learned),
                    "min events " + minEvents);
        }
        assertNotEquals(
                outputNames(pool.subList(0, 3)),
                outputNames(Ranker.rank(pool, 3, model, 1)),
                "the acts move the band's results");
    }

    /**
     * The statement's answer to a full-text search for "groove" tracked with the test's weighing:
     * {@code shown} of a {@code pool}, re-ranked when {@code learned} is given.
     */
    List<Hit> groove(Viewer viewer, int shown, int pool, Tracking.Learned learned) {
        SearchQuery query =
                new SearchQuery(
                        SearchQuery.Mode.FULLTEXT,
                        "groove",
                        null,
                        null,
                        null,
                        shown,
                        0,
                        SearchQuery.Filters.NONE);
        Tracking tracking =
                new Tracking(SearchId.random(), "search", "groove", shown, pool, WEIGHING, learned);
        return vectorSearch.search(viewer, query, null, null, 60, tracking).orElseThrow();
    }

    static List<String> outputNames(List<Hit> hits) {
        return hits.stream().map(h -> h.recording().outputName().value()).toList();
    }

    @Test
    void one_profiles_feedback_leaves_another_profiles_ranking_byte_identical() throws Exception {
        models.save(new RankerModel(0, 1, 3, 1, 2, 10, 5, T0));
        current.refresh();
        String sideOnly = "{\"mode\":\"fulltext\",\"query\":\"groove\",\"profiles\":[\"side\"]}";
        String both = "{\"mode\":\"fulltext\",\"query\":\"groove\",\"limit\":5}";
        String sideBefore = strip(search(member, sideOnly).body());
        String bothBefore = search(member, both).body();
        List<String> order = names(bothBefore);
        // the band's last result is played, again and again, by many members
        String target =
                order.stream().filter(n -> "abc".contains(n)).reduce((p, n) -> n).orElseThrow();
        for (int i = 0; i < 6; i++) {
            String token = seed.memberOf(band, "fan" + i + "@example.com");
            HttpResponse<String> answer = search(token, both);
            List<String> shown = names(answer.body());
            assertEquals(
                    204,
                    act(token, searchId(answer), played(target, shown.indexOf(target) + 1))
                            .statusCode());
        }
        assertEquals(sideBefore, strip(search(member, sideOnly).body()), "byte for byte");
        List<String> after = names(search(member, both).body());
        String firstBandSlot =
                order.stream().filter(n -> "abc".contains(n)).findFirst().orElseThrow();
        assertEquals(target, after.get(order.indexOf(firstBandSlot)), order + " then " + after);
        for (int k = 0; k < order.size(); k++) {
            if ("xy".contains(order.get(k))) {
                assertEquals(order.get(k), after.get(k), "the side profile's slot " + k);
            }
        }
    }

    static String strip(String body) {
        return body.replaceAll("\"search_id\":\"[0-9a-f-]{36}\"", "\"search_id\":\"ID\"");
    }

    @Test
    void retention_prunes_and_deleting_a_recording_or_a_user_deletes_their_feedback()
            throws Exception {
        HttpResponse<String> answer = search(member, GROOVE);
        String id = searchId(answer);
        List<String> shown = names(answer.body());
        for (int k = 0; k < shown.size(); k++) {
            assertEquals(204, act(member, id, played(shown.get(k), k + 1)).statusCode());
        }
        assertEquals(3, feedback.events().size());
        assertEquals(
                204,
                Api.call(
                                server,
                                "DELETE",
                                "/api/recordings/" + takes.get(shown.get(0)).id(),
                                member,
                                null)
                        .statusCode());
        assertEquals(2, feedback.events().size(), "the recording's feedback went with it");
        assertEquals(0, counted(takes.get(shown.get(0))), "and its counted acts");
        assertEquals(1, counted(takes.get(shown.get(1))));
        assertEquals(0, log.prune(), "nothing is older than 180 days");
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "UPDATE search_feedback SET created_at = created_at - interval '181 days'"
                            + " WHERE recording_id = '"
                            + takes.get(shown.get(1)).id()
                            + "'");
        }
        assertEquals(1, log.prune());
        assertEquals(1, feedback.events().size());
        assertEquals(0, counted(takes.get(shown.get(1))), "a pruned act no longer counts");
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM users WHERE id = '" + memberUser.id().value() + "'");
        }
        assertEquals(List.of(), feedback.events(), "the member's feedback went with them");
        assertEquals(0, counted(takes.get(shown.get(2))), "and so did what it counted for");
    }

    /** How many acts on the recording count for ranking, as {@code feedback_signals} keeps them. */
    static long counted(Recording r) {
        return TestDatabase.number(
                "SELECT coalesce(sum(events), 0) FROM feedback_signals WHERE recording_id = '"
                        + r.id()
                        + "'");
    }

    @Test
    void acts_reported_at_once_by_many_members_all_count() throws Exception {
        int members = 12;
        List<String> tokens = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        List<List<String>> shown = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String token = seed.memberOf(band, "crowd" + i + "@example.com");
            tokens.add(token);
            HttpResponse<String> answer = search(token, GROOVE);
            searches.add(searchId(answer));
            shown.add(names(answer.body()));
        }
        // a result every one of them was shown (they see the band only, as the member may not)
        String target = shown.get(0).get(0);
        shown.forEach(names -> assertTrue(names.contains(target), names.toString()));
        ExecutorService pool = Executors.newFixedThreadPool(members);
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                String token = tokens.get(i);
                String id = searches.get(i);
                sent.add(pool.submit(() -> act(token, id, played(target, 1))));
            }
            for (Future<HttpResponse<String>> f : sent) {
                assertEquals(204, f.get().statusCode(), f.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(
                members,
                counted(takes.get(target)),
                "each member's act counts once: no count read a view missing another's");
    }

    @Test
    void a_changed_per_member_cap_counts_every_kept_act_again() throws Exception {
        HttpResponse<String> first = search(member, GROOVE);
        String target = names(first.body()).get(0);
        assertEquals(204, act(member, searchId(first), played(target, 1)).statusCode());
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> answer = search(member, GROOVE);
            assertEquals(
                    204,
                    act(member, searchId(answer), skipped(target, 1)).statusCode(),
                    "act " + i);
        }
        assertEquals(3, counted(takes.get(target)), "the cap of 3: the member's newest three");
        try {
            assertTrue(feedback.capPerMember(1), "the cap changed");
            assertEquals(1, counted(takes.get(target)));
            assertEquals(false, feedback.capPerMember(1), "the same cap: nothing to count again");
            assertTrue(feedback.capPerMember(10));
            assertEquals(5, counted(takes.get(target)), "all five acts");
        } finally {
            feedback.capPerMember(WEIGHING.perUserCap());
        }
        assertEquals(3, counted(takes.get(target)));
    }

    @Test
    void admins_see_top_unanswered_and_skipped_without_names() throws Exception {
        for (int i = 0; i < 3; i++) {
            search(member, GROOVE);
        }
        HttpResponse<String> answer =
                search(
                        other,
                        "{\"mode\":\"fulltext\",\"query\":\"Groove  \",\"profiles\":[\"band\"]}");
        List<String> shown = names(answer.body());
        assertEquals(204, act(other, searchId(answer), played(shown.get(0), 1)).statusCode());
        assertEquals(204, act(other, searchId(answer), skipped(shown.get(1), 2)).statusCode());
        HttpResponse<String> insights =
                Api.call(server, "GET", "/api/admin/search-insights?profile=band", admin, null);
        assertEquals(200, insights.statusCode(), insights.body());
        assertEquals(
                "{\"profile\":\"band\",\"top_queries\":[{\"query\":\"groove\",\"searches\":4}],"
                        + "\"unclicked_queries\":[{\"query\":\"groove\",\"searches\":3}],"
                        + "\"most_skipped\":[{\"recording_id\":\""
                        + takes.get(shown.get(1)).id()
                        + "\",\"output_name\":\""
                        + shown.get(1)
                        + "\",\"skips\":1}]}",
                insights.body());
        assertTrue(!insights.body().contains("example.com"));
        assertEquals(
                403,
                Api.call(server, "GET", "/api/admin/search-insights?profile=band", member, null)
                        .statusCode());
        HttpResponse<String> none =
                Api.call(server, "GET", "/api/admin/search-insights", admin, null);
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("\"field\":\"profile\""), none.body());
        assertEquals(
                404,
                Api.call(server, "GET", "/api/admin/search-insights?profile=nope", admin, null)
                        .statusCode());
    }

    @Test
    void train_ranker_learns_from_the_kept_feedback_and_searches_use_the_newest() throws Exception {
        CliTest.Run nothing = CliTest.cli("train-ranker");
        assertEquals(0, nothing.exit(), nothing.err());
        assertTrue(nothing.out().contains("no model trained"), nothing.out());
        for (int round = 0; round < 6; round++) {
            String token = seed.memberOf(band, "m" + round + "@example.com");
            HttpResponse<String> answer =
                    search(
                            token,
                            "{\"mode\":\"fulltext\",\"query\":\"groove\",\"profiles\":[\"band\"]}");
            List<String> shown = names(answer.body());
            String id = searchId(answer);
            for (int k = 0; k < shown.size(); k++) {
                String body =
                        shown.get(k).equals("c")
                                ? played("c", k + 1)
                                : skipped(shown.get(k), k + 1);
                assertEquals(204, act(token, id, body).statusCode());
            }
        }
        CliTest.Run trained = CliTest.cli("train-ranker");
        assertEquals(0, trained.exit(), trained.err());
        assertTrue(
                trained.out()
                        .matches("(?s)ranker version \\d+ trained from 18 acts \\(12 pairs\\).*"),
                trained.out());
        RankerModel model = models.newest().orElseThrow();
        assertTrue(model.exact() > 0, model.toString());
        current.refresh();
        assertEquals(
                "c",
                names(
                                search(
                                                member,
                                                "{\"mode\":\"fulltext\",\"query\":\"groove\",\"profiles\":[\"band\"]}")
                                        .body())
                        .get(0),
                "the take members play comes first");
    }
}
