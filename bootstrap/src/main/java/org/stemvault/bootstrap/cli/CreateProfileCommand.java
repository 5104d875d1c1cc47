package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import org.stemvault.application.access.ProfileAdmin;
import org.stemvault.application.signin.SignIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "create-profile", description = "Creates a profile.")
final class CreateProfileCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Parameters(paramLabel = "NAME", description = "The profile's name.")
    String name;

    @Option(
            names = "--source-folder",
            paramLabel = "DIR",
            required = true,
            description = "Where the profile's recordings come from.")
    String sourceFolder;

    @Option(
            names = "--strategy",
            paramLabel = "NAME",
            description = "The separation strategy's name.")
    String strategy;

    @Override
    public Integer call() {
        cli.bean(ProfileAdmin.class)
                .create(cli.bean(SignIn.class).operator(), name, sourceFolder, strategy);
        cli.out().println("created profile " + name);
        return 0;
    }
}
