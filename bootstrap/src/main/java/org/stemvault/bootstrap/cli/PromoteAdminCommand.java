package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import org.stemvault.application.access.UserAdmin;
import org.stemvault.application.signin.SignIn;
import org.stemvault.domain.user.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "promote-admin", description = "Makes EMAIL an admin (the first admin, typically).")
final class PromoteAdminCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Parameters(paramLabel = "EMAIL")
    String email;

    @Override
    public Integer call() {
        cli.bean(UserAdmin.class).setRole(cli.bean(SignIn.class).operator(), email, Role.ADMIN);
        cli.out().println("admin: " + email);
        return 0;
    }
}
