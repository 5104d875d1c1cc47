package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import org.stemvault.application.access.MembershipAdmin;
import org.stemvault.application.signin.SignIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "members", description = "Lists a profile's members: email, name, since when.")
final class MembersCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Parameters(paramLabel = "PROFILE")
    String profile;

    @Override
    public Integer call() {
        for (MembershipAdmin.Member m :
                cli.bean(MembershipAdmin.class)
                        .members(cli.bean(SignIn.class).operator(), profile)) {
            cli.out()
                    .println(
                            m.user().email()
                                    + "  "
                                    + (m.user().name() == null
                                            ? "(not signed in yet)"
                                            : m.user().name())
                                    + "  since "
                                    + m.grantedAt());
        }
        return 0;
    }
}
