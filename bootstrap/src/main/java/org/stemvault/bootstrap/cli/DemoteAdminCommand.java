package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import org.stemvault.application.access.UserAdmin;
import org.stemvault.application.signin.SignIn;
import org.stemvault.domain.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "demote-admin", description = "Makes an admin a member (never the last one).")
final class DemoteAdminCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Parameters(paramLabel = "EMAIL")
    String email;

    @Override
    public Integer call() {
        cli.bean(UserAdmin.class).setRole(cli.bean(SignIn.class).operator(), email, Role.MEMBER);
        cli.out().println("member: " + email);
        return 0;
    }
}
