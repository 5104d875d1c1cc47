package org.stemvault.web.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.stemvault.domain.Invalid;

/**
 * Strict reading of a JSON request body: a field of the wrong JSON type is refused, naming the
 * field, rather than coerced (a number is not a string, a string is not a number, NaN is not a
 * number at all).
 */
public final class Fields {

    private final JsonNode node;
    private final String prefix;

    private Fields(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Jackson's tokenizer, with its exact fast number parser (the same doubles, sooner). */
    private static final JsonFactory TOKENS =
            JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    /**
     * A request body read strictly: valid UTF-8, exactly one JSON value with nothing after it, and
     * no unpaired UTF-16 surrogate or NUL in a string or a name (which could not be stored as it
     * was sent), and no nesting deeper than {@link #MAX_DEPTH}. A refusal names the top-level field
     * the fault is in ({@code body} for the body itself). One pass of Jackson's tokenizer checks it
     * and builds the tree, with the node types micronaut-serde gives (whole numbers as int, long or
     * BigInteger, others as double; a repeated name keeps its last value).
     */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new Invalid("body", "must be a JSON object");
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new Invalid("body", "is not valid UTF-8");
        }
        try (JsonParser tokens = TOKENS.createParser(body)) {
            JsonNode value;
            try {
                value = value(tokens, tokens.nextToken(), 1);
            } catch (Fault fault) {
                throw fault.invalid();
            }
            boolean more;
            try {
                more = tokens.nextToken() != null;
            } catch (JsonProcessingException e) {
                more = true;
            }
            if (more) {
                throw new Invalid("body", "has data after its JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new Invalid("body", "is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How deep a request body may nest arrays and objects: the body itself is depth 1, so a stored
     * JSON value (a player setting) may hold 31 levels of arrays and objects. Deeper bodies are
     * refused before they are built.
     */
    public static final int MAX_DEPTH = 32;

    /**
     * A fault inside the body, named as it unwinds: each enclosing member or item puts its name in
     * front ({@code filters.stem_type}, {@code stems[0].type}), so the happy path builds no names.
     */
    private static final class Fault extends RuntimeException {
        private final String reason;
        private final boolean topLevel;
        private String path = "";

        Fault(String reason, boolean topLevel) {
            super(reason, null, false, false);
            this.reason = reason;
            this.topLevel = topLevel;
        }

        Fault under(String member) {
            path = path.isEmpty() || path.startsWith("[") ? member + path : member + "." + path;
            return this;
        }

        Fault at(int index) {
            path = "[" + index + "]" + (path.isEmpty() || path.startsWith("[") ? "" : ".") + path;
            return this;
        }

        /** The field it names: the whole path, or its top-level member for a too-deep body. */
        Invalid invalid() {
            if (path.isEmpty() || path.startsWith("[")) {
                return new Invalid("body", reason);
            }
            if (!topLevel) {
                return new Invalid(path, reason);
            }
            int end = path.length();
            for (int i = 0; i < path.length(); i++) {
                if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                    end = i;
                    break;
                }
            }
            return new Invalid(path.substring(0, end), reason);
        }
    }

    /** The JSON value that begins at {@code token}, read to its end, at nesting {@code depth}. */
    private static JsonNode value(JsonParser tokens, JsonToken token, int depth)
            throws IOException {
        if (token == null) {
            throw new Invalid("body", "ends before its JSON value does");
        }
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
                && depth > MAX_DEPTH) {
            throw new Fault(
                    "nests arrays and objects deeper than the body's limit of " + MAX_DEPTH, true);
        }
        switch (token) {
            case START_OBJECT -> {
                Map<String, JsonNode> fields = new LinkedHashMap<>();
                for (JsonToken t = tokens.nextToken();
                        t != JsonToken.END_OBJECT;
                        t = tokens.nextToken()) {
                    if (t == null) {
                        throw new Invalid("body", "ends before its JSON value does");
                    }
                    // a bad name is not echoed back: the member holding it is named
                    String name = storable(tokens.currentName());
                    try {
                        fields.put(name, value(tokens, tokens.nextToken(), depth + 1));
                    } catch (Fault fault) {
                        throw fault.under(name);
                    }
                }
                return JsonNode.createObjectNode(fields);
            }
            case START_ARRAY -> {
                List<JsonNode> items = new ArrayList<>();
                for (JsonToken t = tokens.nextToken();
                        t != JsonToken.END_ARRAY;
                        t = tokens.nextToken()) {
                    try {
                        items.add(value(tokens, t, depth + 1));
                    } catch (Fault fault) {
                        throw fault.at(items.size());
                    }
                }
                return JsonNode.createArrayNode(items);
            }
            case VALUE_STRING -> {
                return JsonNode.createStringNode(storable(tokens.getText()));
            }
            case VALUE_NUMBER_INT -> {
                return switch (tokens.getNumberType()) {
                    case INT -> JsonNode.createNumberNode(tokens.getIntValue());
                    case LONG -> JsonNode.createNumberNode(tokens.getLongValue());
                    default -> JsonNode.createNumberNode(tokens.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return JsonNode.createNumberNode(tokens.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return JsonNode.createBooleanNode(true);
            }
            case VALUE_FALSE -> {
                return JsonNode.createBooleanNode(false);
            }
            case VALUE_NULL -> {
                return JsonNode.nullNode();
            }
            default -> throw new Invalid("body", "is not JSON");
        }
    }

    /** A string or name of the body as it can be stored: no unpaired surrogate, no NUL. */
    private static String storable(String text) {
        if (loneSurrogate(text)) {
            throw new Fault("holds an unpaired UTF-16 surrogate", false);
        }
        if (text.indexOf(0) >= 0) {
            throw new Fault("holds a NUL character (U+0000)", false);
        }
        return text;
    }

    private static boolean loneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** The fields of a raw body, read strictly ({@link #parse}), into a request record. */
    public static <T> T read(byte[] body, Function<Fields, T> parse) {
        return parse.apply(of(parse(body)));
    }

    /** The fields of a raw body that must be a JSON object, read strictly ({@link #parse}). */
    public static Fields of(byte[] body) {
        return of(parse(body));
    }

    /**
     * The fields of a body that must be a JSON object, read with {@code parse} into a request
     * record.
     */
    public static <T> T read(JsonNode body, Function<Fields, T> parse) {
        return parse.apply(of(body));
    }

    /** The fields of a body that must be a JSON object. */
    public static Fields of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new Invalid("body", "must be a JSON object");
        }
        return new Fields(body, "");
    }

    private String path(String name) {
        return prefix + name;
    }

    private JsonNode value(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public boolean has(String name) {
        return value(name) != null;
    }

    /** A field's JSON value as it is (null when absent; a JSON null is a null node). */
    public JsonNode raw(String name) {
        return node.get(name);
    }

    /** A boolean field, or null when absent or null. */
    public Boolean optionalBoolean(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new Invalid(path(name), "must be true or false");
        }
        return value.getBooleanValue();
    }

    /** The field is in the body, even as {@code null} (a PATCH clears what is given as null). */
    public boolean present(String name) {
        return node.get(name) != null;
    }

    /** A date ({@code 2026-11-03}), or null when absent or null. */
    public LocalDate optionalDate(String name) {
        String value = optionalText(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new Invalid(path(name), "must be a date (YYYY-MM-DD)");
        }
    }

    /** A string, or null when absent or null. */
    public String optionalText(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw new Invalid(path(name), "must be a string");
        }
        return value.getStringValue();
    }

    public String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw new Invalid(path(name), "is required");
        }
        return value;
    }

    /** A JSON number, or null when absent or null. */
    public Double optionalNumber(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isNumber()) {
            throw new Invalid(path(name), "must be a number");
        }
        double number = value.getDoubleValue();
        if (!Double.isFinite(number)) {
            throw new Invalid(path(name), "must be a finite number");
        }
        return number;
    }

    public double number(String name) {
        Double value = optionalNumber(name);
        if (value == null) {
            throw new Invalid(path(name), "is required");
        }
        return value;
    }

    /** A nested object's fields, read as {@code name.field}; null when absent or null. */
    public Fields optionalObject(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw new Invalid(path(name), "must be a JSON object");
        }
        return new Fields(value, path(name) + ".");
    }

    /** An array of strings, or null when absent or null. */
    public List<String> optionalTexts(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw new Invalid(path(name), "must be an array of strings");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item == null || !item.isString()) {
                throw new Invalid(path(name), "must hold strings only (item " + i + " is not)");
            }
            items.add(item.getStringValue());
        }
        return items;
    }

    /** An ISO-8601 instant ({@code 2025-01-31T00:00:00Z}), or null when absent or null. */
    public Instant optionalInstant(String name) {
        return instant(path(name), optionalText(name));
    }

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * An ISO-8601 instant from years 1 to 9999 (what the database keeps), or null for null; {@link
     * Invalid} naming {@code field} otherwise.
     */
    public static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Invalid(field, "must be an ISO-8601 instant, e.g. 2025-01-31T00:00:00Z");
        }
        if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
            throw new Invalid(field, "must be within the years 1 to 9999");
        }
        return instant;
    }

    /** The objects of an array field, each reading its fields as {@code name[i].field}. */
    /**
     * An object whose every value is an object, as its entries in order ({@code
     * clip_boundaries.<key>.start_time_sec} names a broken rule); empty when absent or null.
     */
    public Map<String, Fields> optionalObjectsByKey(String name) {
        Fields object = optionalObject(name);
        if (object == null) {
            return Map.of();
        }
        Map<String, Fields> items = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.node.entries()) {
            JsonNode item = entry.getValue();
            String itemPath = object.prefix + entry.getKey();
            if (item == null || !item.isObject()) {
                throw new Invalid(itemPath, "must be a JSON object");
            }
            items.put(entry.getKey(), new Fields(item, itemPath + "."));
        }
        return items;
    }

    public List<Fields> objects(String name) {
        JsonNode value = value(name);
        if (value == null) {
            throw new Invalid(path(name), "is required");
        }
        if (!value.isArray()) {
            throw new Invalid(path(name), "must be an array");
        }
        List<Fields> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = path(name) + "[" + i + "]";
            if (item == null || !item.isObject()) {
                throw new Invalid(itemPath, "must be a JSON object");
            }
            items.add(new Fields(item, itemPath + "."));
        }
        return items;
    }

    /**
     * Runs {@code build}, naming this object's path in any rule it breaks ({@code
     * stems[2].duration_seconds}).
     */
    public <T> T build(Supplier<T> build) {
        try {
            return build.get();
        } catch (Invalid e) {
            throw e.field().startsWith(prefix) ? e : new Invalid(prefix + e.field(), e.reason());
        }
    }

    /** An array of finite numbers, as floats. */
    public float[] floats(String name) {
        JsonNode value = value(name);
        if (value == null) {
            throw new Invalid(path(name), "is required");
        }
        if (!value.isArray()) {
            throw new Invalid(path(name), "must be an array of numbers");
        }
        float[] floats = new float[value.size()];
        for (int i = 0; i < floats.length; i++) {
            JsonNode item = value.get(i);
            if (item == null || !item.isNumber()) {
                throw new Invalid(path(name), "must hold numbers only (item " + i + " is not)");
            }
            float f = item.getFloatValue();
            if (!Float.isFinite(f)) {
                throw new Invalid(
                        path(name), "must hold finite numbers only (item " + i + " is not)");
            }
            floats[i] = f;
        }
        return floats;
    }

    /** A whole number. */
    public long integer(String name) {
        double value = number(name);
        if (value != Math.rint(value) || Math.abs(value) > 9.007199254740991E15) {
            throw new Invalid(path(name), "must be a whole number");
        }
        return (long) value;
    }
}
