package org.stemvault.web.docs;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.security.SecuritySchemes;

/**
 * The API description's title and its three ways to call: the session cookie a browser gets at
 * sign-in, the same session token as a bearer, and a worker token an admin minted. Written at build
 * time from the controllers; served at {@code /openapi.yml} and {@code /docs}.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Stemvault",
                        version = "0.1",
                        description =
                                "Rehearsal recordings split into stems, by profile. Every error is"
                                        + " application/problem+json; a 5xx names its request_id."),
        security = {
            @SecurityRequirement(name = ApiDescription.COOKIE),
            @SecurityRequirement(name = ApiDescription.BEARER)
        })
@SecuritySchemes({
    @SecurityScheme(
            name = ApiDescription.COOKIE,
            type = SecuritySchemeType.APIKEY,
            in = SecuritySchemeIn.COOKIE,
            paramName = "JWT",
            description =
                    "The session cookie set at sign-in (/auth/login); changes also need the"
                            + " X-Requested-With: stemvault header."),
    @SecurityScheme(
            name = ApiDescription.BEARER,
            type = SecuritySchemeType.HTTP,
            scheme = "bearer",
            bearerFormat = "JWT",
            description = "The session token as Authorization: Bearer."),
    @SecurityScheme(
            name = ApiDescription.WORKER,
            type = SecuritySchemeType.HTTP,
            scheme = "bearer",
            description = "A worker token an admin minted (POST /api/admin/worker-tokens).")
})
public final class ApiDescription {

    /** The session cookie. */
    public static final String COOKIE = "session_cookie";

    /** The session token as a bearer. */
    public static final String BEARER = "session_bearer";

    /** A worker token. */
    public static final String WORKER = "worker_token";

    private ApiDescription() {}
}
