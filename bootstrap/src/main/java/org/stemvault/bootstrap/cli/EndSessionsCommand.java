package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import org.stemvault.application.access.UserAdmin;
import org.stemvault.application.signin.SignIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "end-sessions",
        description =
                "Signs EMAIL out everywhere: every session token of theirs is refused from its"
                        + " next request.")
final class EndSessionsCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Parameters(index = "0", paramLabel = "EMAIL")
    String email;

    @Override
    public Integer call() {
        int ended = cli.bean(UserAdmin.class).endSessions(cli.bean(SignIn.class).operator(), email);
        cli.out()
                .println(
                        "ended " + ended + (ended == 1 ? " session of " : " sessions of ") + email);
        return 0;
    }
}
