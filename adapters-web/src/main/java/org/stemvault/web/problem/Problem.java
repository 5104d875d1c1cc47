package org.stemvault.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem document; {@code errors} names the offending fields of a validation failure.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    /** One offending field of a request. */
    @Serdeable
    record FieldError(String field, String detail) {}
}
