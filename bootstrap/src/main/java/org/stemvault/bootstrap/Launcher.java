package org.stemvault.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.Micronaut;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stemvault.bootstrap.cli.Cli;

/**
 * Micronaut's launcher, but a start-up failure ends the process with one clear line instead of a
 * stack trace.
 */
final class Launcher extends Micronaut {

    private final String databaseUrl;

    private Launcher(String databaseUrl) {
        this.databaseUrl = databaseUrl;
    }

    static ApplicationContext launch(String[] args, Map<String, String> env) {
        DatabaseUrl database;
        try {
            database = DatabaseUrl.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            System.err.println("stemvault: cannot start: " + e.getMessage());
            System.exit(1);
            return null;
        }
        Map<String, Object> properties = new HashMap<>(database.properties());
        if (Cli.handles(args)) {
            System.exit(Cli.run(List.of(args), properties, System.out, System.err));
            return null;
        }
        properties.putAll(CookiePolicy.properties(env));
        properties.putAll(CorsPolicy.properties(env));
        Launcher launcher = new Launcher(database.redacted());
        launcher.mainClass(Application.class).args(args).properties(properties);
        if ("json".equals(env.get("STEMVAULT_LOG_FORMAT"))) {
            launcher.banner(false); // every line a JSON object
        }
        return launcher.start();
    }

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        System.err.println(
                "stemvault: cannot start: " + StartupFailure.explain(exception, databaseUrl));
        System.exit(1);
    }
}
