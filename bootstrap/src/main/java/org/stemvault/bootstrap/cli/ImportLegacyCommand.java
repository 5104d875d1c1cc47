package org.stemvault.bootstrap.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.stemvault.application.legacy.LegacyImport;
import org.stemvault.application.legacy.LegacyTree;
import org.stemvault.files.legacy.LegacyTreeReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** A progress bar with counts and ETA on a terminal, plain lines otherwise, then the report. */
@Command(
        name = "import-legacy",
        description = {
            "Brings a JSON-on-disk stem library in: profiles from the config, every recording of",
            "DIR/<profile>/ in its own transaction; safe to run again (0 new the second time).",
            "Exit 0 only when nothing failed; an unreadable config or a missing folder is refused",
            "before anything is written."
        })
final class ImportLegacyCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            required = true,
            description = "The legacy config.yaml.")
    Path config;

    @Option(
            names = "--media",
            paramLabel = "DIR",
            required = true,
            description = "The legacy media folder.")
    Path media;

    @Option(names = "--dry-run", description = "Read and report, write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        LegacyTree tree = LegacyTreeReader.open(config, media);
        LegacyImport legacyImport = cli.bean(LegacyImport.class);
        long start = System.nanoTime();
        int total = legacyImport.count(tree);
        LegacyImport.Report report;
        if (System.console() != null) {
            AtomicInteger failed = new AtomicInteger();
            try (ProgressBar bar =
                    new ProgressBarBuilder().setTaskName("import").setInitialMax(total).build()) {
                report =
                        legacyImport.run(
                                tree,
                                dryRun,
                                (profile, path, outcome) -> {
                                    if (outcome == LegacyImport.Outcome.FAILED) {
                                        failed.incrementAndGet();
                                    }
                                    bar.setExtraMessage(
                                            failed.get() == 0 ? "" : failed.get() + " failed");
                                    bar.step();
                                });
            }
        } else {
            AtomicInteger done = new AtomicInteger();
            report =
                    legacyImport.run(
                            tree,
                            dryRun,
                            (profile, path, outcome) ->
                                    cli.out()
                                            .println(
                                                    "["
                                                            + done.incrementAndGet()
                                                            + "/"
                                                            + total
                                                            + "] "
                                                            + path
                                                            + ": "
                                                            + outcome.name()
                                                                    .toLowerCase(Locale.ROOT)));
        }
        LegacyImport.lines(report).forEach(cli.out()::println);
        double seconds = (System.nanoTime() - start) / 1e9;
        cli.out()
                .printf(
                        Locale.ROOT,
                        "%d recordings looked at in %.1f s (%.0f recordings/s)%n",
                        total,
                        seconds,
                        total / Math.max(seconds, 1e-9));
        return report.ok() ? 0 : 1;
    }
}
