package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import org.stemvault.application.analysis.RecordingAnalysis;
import org.stemvault.application.signin.SignIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** The admin route's command: queues the analysis of every recording that has none. */
@Command(
        name = "analyze-missing",
        description =
                "Queues an analyze job (tempo, beats, key) for every recording with stems and no"
                        + " analysis; workers started with --kinds analyze take them.")
final class AnalyzeMissingCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Override
    public Integer call() {
        int queued =
                cli.bean(RecordingAnalysis.class).queueMissing(cli.bean(SignIn.class).operator());
        cli.out().println("queued " + queued + " analyses");
        return 0;
    }
}
