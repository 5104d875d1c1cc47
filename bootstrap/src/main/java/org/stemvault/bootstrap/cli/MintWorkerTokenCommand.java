package org.stemvault.bootstrap.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.stemvault.application.access.WorkerTokenAdmin;
import org.stemvault.application.signin.SignIn;
import org.stemvault.application.worker.Workers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "mint-worker-token",
        description =
                "Mints a token for a processing worker; prints its id and the bearer token, once.")
final class MintWorkerTokenCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            required = true,
            description = "What the worker is called.")
    String name;

    @Option(
            names = "--days",
            paramLabel = "DAYS",
            defaultValue = "90",
            description =
                    "How long the token is valid, at most 366 days (default: ${DEFAULT-VALUE}).")
    long days;

    @Override
    public Integer call() {
        Workers.Minted minted =
                cli.bean(WorkerTokenAdmin.class)
                        .mint(cli.bean(SignIn.class).operator(), name, Duration.ofDays(days));
        cli.out().println("id: " + minted.token().id());
        cli.out().println("expires: " + minted.token().expiresAt());
        cli.out().println("token: " + minted.bearer());
        return 0;
    }
}
