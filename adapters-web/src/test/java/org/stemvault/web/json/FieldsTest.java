package org.stemvault.web.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stemvault.domain.Invalid;

class FieldsTest {

    static String refused(String json, java.util.function.Consumer<Fields> read) {
        return assertThrows(Invalid.class, () -> read.accept(Json.fields(json))).field();
    }

    @Test
    void a_field_of_the_wrong_json_type_is_refused_not_coerced() {
        assertEquals("name", refused("{\"name\": 42}", f -> f.text("name")));
        assertEquals("days", refused("{\"days\": \"3\"}", f -> f.number("days")));
        assertEquals("days", refused("{\"days\": 1.5}", f -> f.integer("days")));
        assertEquals("vector", refused("{\"vector\": [1, \"2\"]}", f -> f.floats("vector")));
        assertEquals(
                "profiles",
                refused("{\"profiles\": [\"a\", 1]}", f -> f.optionalTexts("profiles")));
        assertEquals("body", assertThrows(Invalid.class, () -> Fields.of(Json.tree("[]"))).field());
    }

    @Test
    void nested_objects_and_array_items_are_named_by_their_path() {
        assertEquals(
                "filters.duration_min",
                refused(
                        "{\"filters\": {\"duration_min\": \"x\"}}",
                        f -> f.optionalObject("filters").optionalNumber("duration_min")));
        assertEquals(
                "filters.created_after",
                refused(
                        "{\"filters\": {\"created_after\": \"yesterday\"}}",
                        f -> f.optionalObject("filters").optionalInstant("created_after")));
        assertEquals(
                "stems[1].peak_amplitude",
                refused(
                        "{\"stems\": [{}, {\"peak_amplitude\": true}]}",
                        f -> f.objects("stems").get(1).number("peak_amplitude")));
    }

    @Test
    void absent_and_null_read_alike_and_values_come_back_as_sent() {
        Fields f =
                Json.fields(
                        "{\"a\": null, \"t\": \"x\", \"n\": 2, \"v\": [1, 2.5], \"at\": \"2025-01-31T00:00:00Z\","
                                + " \"l\": [\"p\"]}");
        assertNull(f.optionalText("a"));
        assertNull(f.optionalText("missing"));
        assertEquals("x", f.text("t"));
        assertEquals(2, f.integer("n"));
        assertArrayEquals(new float[] {1, 2.5f}, f.floats("v"));
        assertEquals(Instant.parse("2025-01-31T00:00:00Z"), f.optionalInstant("at"));
        assertEquals(List.of("p"), f.optionalTexts("l"));
        assertEquals("t", refused("{}", g -> g.text("t")));
    }

    static String refusedBody(String raw) {
        return assertThrows(
                        Invalid.class,
                        () -> Fields.parse(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .reason();
    }

    @Test
    void a_body_is_one_json_value_of_valid_utf8_with_no_lone_surrogate() {
        assertEquals(
                "has data after its JSON value",
                refusedBody("{\"name\":\"x\",\"days\":1} trailing"));
        assertEquals("has data after its JSON value", refusedBody("{} {}"));
        assertEquals("holds an unpaired UTF-16 surrogate", refusedBody("{\"name\":\"a\\ud800b\"}"));
        assertEquals("holds an unpaired UTF-16 surrogate", refusedBody("{\"name\":\"\\udc00\"}"));
        assertEquals(
                "is not valid UTF-8",
                assertThrows(
                                Invalid.class,
                                () ->
                                        Fields.parse(
                                                new byte[] {
                                                    '{',
                                                    '"',
                                                    'a',
                                                    '"',
                                                    ':',
                                                    '"',
                                                    (byte) 0xff,
                                                    '"',
                                                    '}'
                                                }))
                        .reason());
        assertTrue(
                refusedBody("{\"a\":").startsWith("is not JSON")
                        || refusedBody("{\"a\":").startsWith("ends"));
        assertEquals(
                "x",
                Fields.of(
                                Fields.parse(
                                        "{\"name\":\"x\",\"emoji\":\"\\ud83c\\udfb8\"}"
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .text("name"));
    }

    @Test
    void an_instant_outside_the_years_1_to_9999_is_refused_naming_the_field() {
        assertEquals(
                "filters.created_after",
                refused(
                        "{\"filters\": {\"created_after\": \"+1000000000-01-01T00:00:00Z\"}}",
                        f -> f.optionalObject("filters").optionalInstant("created_after")));
        assertEquals(
                "since",
                assertThrows(Invalid.class, () -> Fields.instant("since", "-0001-01-01T00:00:00Z"))
                        .field());
    }

    @Test
    void the_one_pass_tree_is_the_tree_micronaut_serde_reads_node_for_node() throws Exception {
        String[] bodies = {
            "{\"a\": 1.50, \"b\": 1, \"c\": 12345678901, \"d\": 123456789012345678901234567890,"
                    + " \"e\": 1e400, \"f\": -0.0, \"g\": 1E2, \"h\": 0.1, \"i\": -2147483649,"
                    + " \"j\": 3.4028235677973366e38, \"a\": 7}",
            "{\"v\": [0.1, -1.5e-7, 2, 1.0000001192092896, 123456.789], \"t\": true, \"f\": false,"
                    + " \"n\": null, \"s\": \"\\u00e9\\ud83c\\udfb8\\\"\\n\", \"o\": {\"x\": [[], {}]}}",
            "[1, \"two\", [3.25, {\"four\": null}]]",
            "\"text\"",
            "-12.5e3"
        };
        var serde = io.micronaut.serde.ObjectMapper.getDefault();
        for (String body : bodies) {
            var ours = Json.tree(body);
            var theirs = Json.serdeTree(body);
            assertEquals(serde.writeValueAsString(theirs), serde.writeValueAsString(ours), body);
            assertEquals(theirs, ours, body);
        }
        var ours = Json.tree(bodies[0]);
        var theirs = Json.serdeTree(bodies[0]);
        for (String name : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")) {
            assertEquals(
                    theirs.get(name).getNumberValue().getClass(),
                    ours.get(name).getNumberValue().getClass(),
                    name);
            assertEquals(theirs.get(name).getNumberValue(), ours.get(name).getNumberValue(), name);
        }
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), names(ours));
    }

    private static List<String> names(io.micronaut.json.tree.JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.entries().forEach(e -> names.add(e.getKey()));
        return names;
    }

    static Invalid refusal(String raw) {
        return assertThrows(
                Invalid.class,
                () -> Fields.parse(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void a_body_nested_past_its_depth_is_refused_naming_the_top_level_field() {
        String limit = "nests arrays and objects deeper than the body's limit of 32";
        for (int depth : new int[] {33, 100, 600, 1500, 100_000}) {
            Invalid deep =
                    refusal(
                            "{\"key\":\"k\",\"value\":"
                                    + "[".repeat(depth - 1)
                                    + "]".repeat(depth - 1)
                                    + "}");
            assertEquals("value", deep.field(), "depth " + depth);
            assertEquals(limit, deep.reason());
            assertEquals("body", refusal("[".repeat(depth) + "]".repeat(depth)).field());
        }
        String atLimit = "{\"value\":" + "[".repeat(30) + "{\"a\":1}" + "]".repeat(30) + "}";
        assertEquals(
                32,
                depthOf(Fields.parse(atLimit.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertEquals(
                "value",
                refusal("{\"value\":" + "[".repeat(30) + "{\"a\":[]}" + "]".repeat(30) + "}")
                        .field());
    }

    private static int depthOf(io.micronaut.json.tree.JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (io.micronaut.json.tree.JsonNode child : node.values()) {
            deepest = Math.max(deepest, depthOf(child));
        }
        return deepest + 1;
    }

    @Test
    void a_nul_anywhere_in_a_string_or_a_name_is_refused_naming_the_top_level_field() {
        for (String raw :
                new String[] {
                    "{\"key\":\"reverb\",\"value\":\"\\u0000\"}",
                    "{\"value\":{\"a\":[1,\"x\\u0000y\"]}}",
                    "{\"value\":{\"a\\u0000\":1}}"
                }) {
            Invalid nul = refusal(raw);
            assertTrue(nul.field().startsWith("value"), raw);
            assertEquals("holds a NUL character (U+0000)", nul.reason(), raw);
        }
        assertEquals("body", refusal("\"\\u0000\"").field());
        assertEquals("value", refusal("{\"key\":\"k\",\"value\":\"\\u0000\"}").field());
        assertEquals("value.a[1]", refusal("{\"value\":{\"a\":[1,\"\\u0000\"]}}").field());
        assertEquals("value[0][1]", refusal("{\"value\":[[0,\"\\u0000\"]]}").field());
        assertEquals("value", refusal("{\"value\":{\"a\\u0000\":1}}").field());
        assertEquals("body", refusal("{\"a\\u0000\":1}").field(), "a bad name is not echoed");
    }

    @Test
    void a_body_nested_past_jacksons_limit_is_refused() {
        String deep = "[".repeat(1500) + "]".repeat(1500);
        assertTrue(refusedBody(deep).startsWith("nests"));
        assertEquals("ends before its JSON value does", refusedBody("   "));
        String name = refusedBody("{\"\\udc00\": 1}");
        assertTrue(
                name.equals("holds an unpaired UTF-16 surrogate") || name.startsWith("is not JSON"),
                name);
    }
}
