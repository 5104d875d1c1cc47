package org.stemvault.web.recording;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.web.library.FileResponse;

/**
 * A {@code FileWithStems} with its {@code profile_name}, and the fields of the newest client's
 * {@code RecordingStatusResponse} it lacks: {@code recording_id} and {@code output_name} (the same
 * values as {@code id} and {@code name}) and {@code error_message} (why processing failed, when
 * {@code status} is {@code error}; else null).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record RecordingResponse(
        String profileName,
        @JsonUnwrapped FileResponse file,
        String recordingId,
        String outputName,
        String errorMessage) {
    public static RecordingResponse of(Catalogue.Located found) {
        FileResponse file = FileResponse.from(found.profile().value(), found.recording());
        return new RecordingResponse(
                found.profile().value(),
                file,
                file.id(),
                file.name(),
                found.recording().details().error());
    }
}
