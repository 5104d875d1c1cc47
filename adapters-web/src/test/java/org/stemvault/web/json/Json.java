package org.stemvault.web.json;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A request body as the server parses it: JSON text into a tree, with the service's own JSON
 * library.
 */
public final class Json {

    private Json() {}

    public static JsonNode tree(String json) {
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
