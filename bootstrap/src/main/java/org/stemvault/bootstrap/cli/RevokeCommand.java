package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import org.stemvault.application.access.MembershipAdmin;
import org.stemvault.application.signin.SignIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "revoke",
        description = "Takes EMAIL's access to PROFILE away, from their very next request.")
final class RevokeCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Parameters(index = "0", paramLabel = "PROFILE")
    String profile;

    @Parameters(index = "1", paramLabel = "EMAIL")
    String email;

    @Override
    public Integer call() {
        boolean revoked =
                cli.bean(MembershipAdmin.class)
                        .revoke(cli.bean(SignIn.class).operator(), profile, email);
        cli.out().println((revoked ? "revoked " : "was not a member: ") + email + " on " + profile);
        return 0;
    }
}
