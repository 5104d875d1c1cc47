package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import org.stemvault.application.feedback.FeedbackLog;
import org.stemvault.domain.feedback.RankerModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Learns the search ranker's weights from the stored feedback and saves them as a new version. */
@Command(
        name = "train-ranker",
        description =
                "Learns the search ranker from the feedback kept (pairwise, position-bias"
                        + " corrected) and saves it as the newest version; searches use it where"
                        + " STEMVAULT_SEARCH_RANKER=true.")
final class TrainRankerCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Override
    public Integer call() {
        RankerModel model = cli.bean(FeedbackLog.class).train();
        if (model == null) {
            cli.out()
                    .println(
                            "no model trained: no search has both a result opened or played and"
                                    + " one skipped yet");
            return 0;
        }
        cli.out()
                .printf(
                        "ranker version %d trained from %d acts (%d pairs): base %.3f, exact %.3f,"
                                + " similar %.3f%n",
                        model.version(),
                        model.events(),
                        model.pairs(),
                        model.base(),
                        model.exact(),
                        model.similar());
        return 0;
    }
}
