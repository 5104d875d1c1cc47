package org.stemvault.bootstrap.cli;

import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.stemvault.application.search.Spaces;
import org.stemvault.application.search.TextIndex;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.search.EmbeddingSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "backfill-embeddings",
        description =
                "Recomputes every recording's vector in a text space with the text model (progress bar on a terminal).")
final class BackfillEmbeddingsCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Option(
            names = "--space",
            paramLabel = "NAME",
            required = true,
            description = "A space whose vectors come from text.")
    String spaceName;

    @Override
    public Integer call() {
        EmbeddingSpace space = cli.bean(Spaces.class).space(spaceName);
        if (space.source() != EmbeddingSpace.Source.TEXT) {
            throw new Invalid(
                    "space", "'" + spaceName + "' takes its vectors from workers, not from text");
        }
        TextIndex index = cli.bean(TextIndex.class);
        try (ProgressBar bar =
                new ProgressBarBuilder()
                        .setTaskName("backfill " + spaceName)
                        .setInitialMax(index.total())
                        .build()) {
            int done = index.backfill(space, bar::stepTo);
            cli.out().println("embedded " + done + " recordings in space " + spaceName);
        }
        return 0;
    }
}
