package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import org.stemvault.application.access.WorkerTokenAdmin;
import org.stemvault.application.signin.SignIn;
import org.stemvault.domain.worker.WorkerToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "worker-tokens", description = "Lists worker tokens: id, name, expiry, revoked.")
final class WorkerTokensCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Override
    public Integer call() {
        for (WorkerToken t :
                cli.bean(WorkerTokenAdmin.class).list(cli.bean(SignIn.class).operator())) {
            cli.out()
                    .println(
                            t.id()
                                    + "  "
                                    + t.name()
                                    + "  expires "
                                    + t.expiresAt()
                                    + (t.revokedAt() == null ? "" : "  revoked " + t.revokedAt()));
        }
        return 0;
    }
}
