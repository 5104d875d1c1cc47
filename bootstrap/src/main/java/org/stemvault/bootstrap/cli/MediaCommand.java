package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import org.stemvault.application.media.MediaVerify;
import org.stemvault.domain.media.MediaKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "media",
        description = "The media store: 'media verify' compares it with the database.",
        subcommands = {MediaCommand.Verify.class})
final class MediaCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "name what to do: verify");
    }

    @Command(
            name = "verify",
            description =
                    "Lists rows whose media files are missing from the store and stored files no"
                            + " row refers to (files waiting for a pending deletion are neither)."
                            + " Exit 0 when both lists are empty, 1 otherwise.")
    static final class Verify implements Callable<Integer> {

        @ParentCommand MediaCommand media;

        @Mixin HelpOption help;

        @Override
        public Integer call() {
            MediaVerify.Report report = media.cli.bean(MediaVerify.class).verify();
            for (MediaKey key : report.missing()) {
                media.cli.out().println("missing       " + key);
            }
            for (MediaKey key : report.unreferenced()) {
                media.cli.out().println("unreferenced  " + key);
            }
            media.cli
                    .out()
                    .println(
                            report.referenced()
                                    + " files referenced, "
                                    + report.stored()
                                    + " stored: "
                                    + report.missing().size()
                                    + " missing, "
                                    + report.unreferenced().size()
                                    + " unreferenced");
            return report.clean() ? 0 : 1;
        }
    }
}
