package org.stemvault.web.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem document; {@code errors} names the offending fields of a validation failure,
 * and a server error carries its {@code request_id}, which its log lines carry too.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Problem(
        String type,
        String title,
        int status,
        String detail,
        List<FieldError> errors,
        @JsonProperty("request_id") String requestId) {

    /** One offending field of a request. */
    @Serdeable
    record FieldError(String field, String detail) {}
}
