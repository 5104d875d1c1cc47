package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * A test fixture, not part of the service: a route that fails with an unexpected exception, so a
 * test can see what an operator sees of a real bug. Present only where a test asks for it.
 */
@Controller("/test-fixture")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "stemvault.test.failing-route", value = "true")
final class FailingRoute {

    @Get("/fail")
    String fail() {
        throw new IllegalStateException("a bug, with a secret in its message: hunter2");
    }
}
