package org.stemvault.bootstrap;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.stemvault.application.legacy.LegacyImport;
import org.stemvault.application.legacy.LegacyTree;

/** {@code import-legacy}: a progress bar with counts and ETA on a terminal, plain lines otherwise, then the report. */
final class LegacyImportCommand {

    private LegacyImportCommand() {
    }

    static int run(LegacyImport legacyImport, LegacyTree tree, boolean dryRun, PrintStream out) {
        long start = System.nanoTime();
        int total = legacyImport.count(tree);
        LegacyImport.Report report;
        if (System.console() != null) {
            AtomicInteger failed = new AtomicInteger();
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("import").setInitialMax(total).build()) {
                report = legacyImport.run(tree, dryRun, (profile, path, outcome) -> {
                    if (outcome == LegacyImport.Outcome.FAILED) {
                        failed.incrementAndGet();
                    }
                    bar.setExtraMessage(failed.get() == 0 ? "" : failed.get() + " failed");
                    bar.step();
                });
            }
        } else {
            AtomicInteger done = new AtomicInteger();
            report = legacyImport.run(tree, dryRun, (profile, path, outcome) ->
                    out.println("[" + done.incrementAndGet() + "/" + total + "] " + path + ": "
                            + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
        }
        LegacyImport.lines(report).forEach(out::println);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(java.util.Locale.ROOT, "%d recordings looked at in %.1f s (%.0f recordings/s)%n", total, seconds,
                total / Math.max(seconds, 1e-9));
        return report.ok() ? 0 : 1;
    }
}
