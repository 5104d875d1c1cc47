package org.stemvault.web.json;

import io.micronaut.json.tree.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * The fields of a body that must be a JSON object, read with {@code parse} into a request
     * record.
     */
    public static <T> T read(JsonNode body, java.util.function.Function<Fields, T> parse) {
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
        String value = optionalText(name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Invalid(path(name), "must be an ISO-8601 instant, e.g. 2025-01-31T00:00:00Z");
        }
    }

    /** The objects of an array field, each reading its fields as {@code name[i].field}. */
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
