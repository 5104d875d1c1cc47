package org.stemvault.web.docs;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** On a controller: its errors are problem documents (RFC 9457), 4xx and 5xx alike. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ApiResponse(
        responseCode = "4XX",
        description = "The request was refused; errors[] names the offending fields.",
        content =
                @Content(
                        mediaType = "application/problem+json",
                        schema = @Schema(implementation = Bodies.Problem.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "The service failed; request_id is in its log lines too.",
        content =
                @Content(
                        mediaType = "application/problem+json",
                        schema = @Schema(implementation = Bodies.Problem.class)))
public @interface Problems {}
