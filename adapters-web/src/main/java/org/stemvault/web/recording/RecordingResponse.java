package org.stemvault.web.recording;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.web.library.FileResponse;

/** A {@code FileWithStems} with its {@code profile_name}. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record RecordingResponse(String profileName, @JsonUnwrapped FileResponse file) {
    public static RecordingResponse of(Catalogue.Located found) {
        return new RecordingResponse(
                found.profile().value(),
                FileResponse.from(found.profile().value(), found.recording()));
    }
}
