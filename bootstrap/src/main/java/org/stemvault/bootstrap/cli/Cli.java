package org.stemvault.bootstrap.cli;

import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stemvault.application.legacy.LegacyTree;
import org.stemvault.bootstrap.StartupFailure;
import org.stemvault.domain.Refusal;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The service's command line, for operators on a server without a browser: {@code java -jar
 * stemvault.jar <command>}. Exit codes: 0 done, 1 the command ran and failed (the reason on
 * standard error), 2 the command line itself is wrong (the reason and the command's usage on
 * standard error).
 */
@Command(
        name = "java -jar stemvault.jar",
        synopsisSubcommandLabel = "<command>",
        description = "Operates a Stemvault service from a shell on its server.",
        footer = {
            "",
            "Every change is written to the audit log with the actor \"cli\".",
            "The database and the signing key come from the same environment as the service's",
            "(DATABASE_URL, STEMVAULT_JWT_SECRET, MICRONAUT_ENVIRONMENTS)."
        },
        subcommands = {
            CommandLine.HelpCommand.class,
            CreateProfileCommand.class,
            GrantCommand.class,
            RevokeCommand.class,
            EndSessionsCommand.class,
            MediaCommand.class,
            MembersCommand.class,
            PromoteAdminCommand.class,
            DemoteAdminCommand.class,
            MintWorkerTokenCommand.class,
            RevokeWorkerTokenCommand.class,
            WorkerTokensCommand.class,
            ImportLegacyCommand.class,
            ExportLegacyCommand.class,
            BackfillEmbeddingsCommand.class,
            AnalyzeMissingCommand.class,
            TrainRankerCommand.class
        })
public final class Cli {

    /**
     * The environment a command runs the application context in: no web server, no background
     * workers.
     */
    public static final String ENVIRONMENT = "cli";

    @CommandLine.Mixin HelpOption help;

    private final Map<String, Object> properties;
    private final PrintStream out;
    private ApplicationContext context;

    private Cli(Map<String, Object> properties, PrintStream out) {
        this.properties = properties;
        this.out = out;
    }

    /** Whether the arguments name a command (else they are the service's own). */
    public static boolean handles(String[] args) {
        return args.length > 0
                && (args[0].equals("-h")
                        || args[0].equals("--help")
                        || commandLine(new Cli(Map.of(), System.out), System.out, System.err)
                                .getSubcommands()
                                .containsKey(args[0]));
    }

    /** Runs one command; answers the process exit code. */
    public static int run(
            List<String> args, Map<String, Object> properties, PrintStream out, PrintStream err) {
        Cli cli = new Cli(properties, out);
        try {
            return commandLine(cli, out, err).execute(args.toArray(String[]::new));
        } finally {
            if (cli.context != null) {
                cli.context.close();
            }
        }
    }

    private static CommandLine commandLine(Cli cli, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(cli);
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setParameterExceptionHandler(
                (e, args) -> {
                    CommandLine command = e.getCommandLine();
                    command.getErr().println("stemvault: " + e.getMessage());
                    command.usage(command.getErr());
                    return 2;
                });
        line.setExecutionExceptionHandler(
                (e, command, parsed) -> {
                    command.getErr()
                            .println(
                                    "stemvault: "
                                            + reason(
                                                    e,
                                                    command.getCommandName(),
                                                    String.valueOf(
                                                            cli.properties.get(
                                                                    "datasources.default.url"))));
                    return 1;
                });
        return line;
    }

    /**
     * One line for why a command failed: the domain's own words, the file's, or what stopped the
     * database.
     */
    private static String reason(Exception e, String command, String databaseUrl) {
        if (e instanceof Refusal refusal && refusal.kind() != Refusal.Kind.UNAVAILABLE
                || e instanceof LegacyTree.Unreadable) {
            return e.getMessage();
        }
        return command + " failed: " + StartupFailure.explain(e, databaseUrl);
    }

    /**
     * A bean of the service, its application context started (and the schema migrated) on first
     * use.
     */
    <T> T bean(Class<T> type) {
        if (context == null) {
            Map<String, Object> quiet = new HashMap<>(properties);
            quiet.put("logger.levels.root", "WARN");
            context =
                    ApplicationContext.builder()
                            .environments(ENVIRONMENT)
                            .properties(quiet)
                            .start();
        }
        return context.getBean(type);
    }

    PrintStream out() {
        return out;
    }
}
