package org.stemvault.web.recording;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.stemvault.application.Principal;
import org.stemvault.application.library.RecordingMetadata;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.recording.ConfigKey;
import org.stemvault.web.auth.Sessions;
import org.stemvault.web.docs.Bodies;
import org.stemvault.web.docs.Bound;
import org.stemvault.web.docs.Problems;
import org.stemvault.web.json.Fields;

/** A recording by its id, for members of its profile and admins. */
@Problems
@Controller("/api/recordings")
@Secured(Sessions.MEMBER)
final class RecordingsController {

    private final RecordingMetadata metadata;
    private final ObjectMapper json;

    RecordingsController(RecordingMetadata metadata, ObjectMapper json) {
        this.metadata = metadata;
        this.json = json;
    }

    /** A recording as {@code GET} answers it: with the caller's own player settings. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    record WithConfig(@JsonUnwrapped RecordingResponse recording, Map<String, JsonNode> config) {}

    /** The recording with its profile's name and the caller's own {@code config}. */
    @Get("/{id}")
    WithConfig get(@PathVariable String id, @Bound Principal principal) throws IOException {
        Catalogue.Located found = metadata.get(principal, id);
        Map<String, JsonNode> config = new TreeMap<>();
        for (Map.Entry<ConfigKey, String> e : metadata.config(principal, found).entrySet()) {
            config.put(e.getKey().code(), json.readValue(e.getValue(), JsonNode.class));
        }
        return new WithConfig(RecordingResponse.of(found), config);
    }

    /** Body {@code {"key", "value"}}: one of the caller's own player settings; 204. */
    @Patch("/{id}/config")
    @Status(HttpStatus.NO_CONTENT)
    void config(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.PlayerSetting.class) byte[] body,
            @Bound Principal principal)
            throws IOException {
        Fields f = Fields.of(body);
        String key = f.text("key");
        JsonNode value = f.raw("value");
        if (value == null) {
            throw new Invalid("value", "is required");
        }
        metadata.configure(principal, id, key, json.writeValueAsString(value));
    }

    /**
     * Body {@code {"location_id"?, "date_recorded"?}}: an absent field stays as it is, an explicit
     * null clears it.
     */
    @Patch("/{id}/metadata")
    RecordingResponse metadata(
            @PathVariable String id,
            @Body @Schema(implementation = Bodies.RecordingMetadata.class) byte[] body,
            @Bound Principal principal) {
        RecordingMetadata.Change change =
                Fields.read(
                        body,
                        f -> {
                            return new RecordingMetadata.Change(
                                    f.present("location_id"),
                                    f.optionalText("location_id"),
                                    f.present("date_recorded"),
                                    f.optionalDate("date_recorded"));
                        });
        return RecordingResponse.of(metadata.update(principal, id, change));
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, @Bound Principal principal) {
        metadata.delete(principal, id);
    }
}
