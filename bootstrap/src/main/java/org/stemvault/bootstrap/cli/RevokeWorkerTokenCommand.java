package org.stemvault.bootstrap.cli;

import java.util.UUID;
import java.util.concurrent.Callable;
import org.stemvault.application.access.WorkerTokenAdmin;
import org.stemvault.application.signin.SignIn;
import org.stemvault.domain.worker.WorkerTokenId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "revoke-worker-token", description = "Revokes a worker token at once.")
final class RevokeWorkerTokenCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Parameters(paramLabel = "ID", description = "The token's id, as mint-worker-token printed it.")
    UUID id;

    @Override
    public Integer call() {
        cli.bean(WorkerTokenAdmin.class)
                .revoke(cli.bean(SignIn.class).operator(), new WorkerTokenId(id));
        cli.out().println("revoked " + id);
        return 0;
    }
}
