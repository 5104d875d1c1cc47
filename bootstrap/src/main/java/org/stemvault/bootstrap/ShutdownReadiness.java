package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.stemvault.bootstrap.cli.Cli;

/**
 * Readiness is DOWN from the moment the process is asked to stop (SIGTERM), before the server's
 * graceful shutdown lets in-flight requests finish: a load balancer that still probes this instance
 * takes it out of rotation first.
 */
@Singleton
@Readiness
@Requires(notEnv = Cli.ENVIRONMENT)
final class ShutdownReadiness extends AbstractHealthIndicator<Map<String, Object>> {

    private volatile boolean stopping;

    ShutdownReadiness() {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stopping = true, "stemvault-stopping"));
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        healthStatus = stopping ? HealthStatus.DOWN : HealthStatus.UP;
        return Map.of("stopping", stopping);
    }

    @Override
    protected String getName() {
        return "shutdown";
    }
}
