package org.stemvault.web.json;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A request body as the server parses it: JSON text into a tree, by {@link Fields#parse}. */
public final class Json {

    private Json() {}

    public static JsonNode tree(String json) {
        return Fields.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The same text as micronaut-serde reads it into a tree: what {@link #tree} must equal. */
    public static JsonNode serdeTree(String json) {
        try {
            return ObjectMapper.getDefault().readValue(json, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Fields fields(String json) {
        return Fields.of(tree(json));
    }
}
