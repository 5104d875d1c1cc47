package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import org.stemvault.application.access.MembershipAdmin;
import org.stemvault.application.signin.SignIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "grant",
        description = "Gives EMAIL access to PROFILE; works before that person ever signed in.")
final class GrantCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Parameters(index = "0", paramLabel = "PROFILE")
    String profile;

    @Parameters(index = "1", paramLabel = "EMAIL")
    String email;

    @Override
    public Integer call() {
        boolean granted =
                cli.bean(MembershipAdmin.class)
                        .grant(cli.bean(SignIn.class).operator(), profile, email);
        cli.out().println((granted ? "granted " : "already a member: ") + email + " on " + profile);
        return 0;
    }
}
