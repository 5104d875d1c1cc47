package org.stemvault.bootstrap.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.stemvault.application.legacy.LegacyImport;
import org.stemvault.application.legacy.LegacyTree;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.files.legacy.LegacyTreeReader;
import org.stemvault.files.legacy.StoreUpload;
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

    @Option(
            names = "--upload-to-store",
            description = {
                "Also copy each recording's folder into the configured media store (a bucket),",
                "skipping files it holds already with the same size and checksum: safe to run",
                "again, and a run cut short resumes."
            })
    boolean uploadToStore;

    private final AtomicInteger copied = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final List<String> uploadFailures = new ArrayList<>();

    /** Copies a recording's folder into the store after its import, counting what happened. */
    private void upload(StoreUpload upload, String path, LegacyImport.Outcome outcome) {
        if (upload == null || outcome == LegacyImport.Outcome.FAILED) {
            return;
        }
        try {
            StoreUpload.Counts counts = upload.folder(path);
            copied.addAndGet(counts.copied());
            skipped.addAndGet(counts.skipped());
        } catch (IOException | RuntimeException e) {
            uploadFailures.add(path + ": upload failed: " + e.getMessage());
        }
    }

    @Override
    public Integer call() {
        LegacyTree tree = LegacyTreeReader.open(config, media);
        LegacyImport legacyImport = cli.bean(LegacyImport.class);
        StoreUpload upload = null;
        if (uploadToStore && !dryRun) {
            upload = new StoreUpload(cli.bean(MediaStore.class), media);
        }
        StoreUpload uploader = upload;
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
                                    upload(uploader, path, outcome);
                                    bar.setExtraMessage(
                                            (failed.get() == 0 ? "" : failed.get() + " failed ")
                                                    + (uploader == null
                                                            ? ""
                                                            : copied.get() + " files uploaded"));
                                    bar.step();
                                });
            }
        } else {
            AtomicInteger done = new AtomicInteger();
            report =
                    legacyImport.run(
                            tree,
                            dryRun,
                            (profile, path, outcome) -> {
                                upload(uploader, path, outcome);
                                cli.out()
                                        .println(
                                                "["
                                                        + done.incrementAndGet()
                                                        + "/"
                                                        + total
                                                        + "] "
                                                        + path
                                                        + ": "
                                                        + outcome.name().toLowerCase(Locale.ROOT));
                            });
        }
        LegacyImport.lines(report).forEach(cli.out()::println);
        if (uploader != null) {
            uploadFailures.forEach(cli.out()::println);
            cli.out()
                    .println(
                            "media store: "
                                    + copied.get()
                                    + " files uploaded, "
                                    + skipped.get()
                                    + " already there"
                                    + (uploadFailures.isEmpty()
                                            ? ""
                                            : ", " + uploadFailures.size() + " folders failed"));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        cli.out()
                .printf(
                        Locale.ROOT,
                        "%d recordings looked at in %.1f s (%.0f recordings/s)%n",
                        total,
                        seconds,
                        total / Math.max(seconds, 1e-9));
        return report.ok() && uploadFailures.isEmpty() ? 0 : 1;
    }
}
