package org.stemvault.bootstrap.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stemvault.application.legacy.LegacyExport;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.files.legacy.LegacyTreeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The way back to the JSON-on-disk layout: what import-legacy reads, written from the database. */
@Command(
        name = "export-legacy",
        description = {
            "Writes the library (or one profile) back in the JSON-on-disk layout import-legacy",
            "reads: OUT/config.yaml, OUT/media/<profile>/<output_name>/metadata.json and each",
            "profile's .processed_hashes.json; with --with-media also every file the media store",
            "holds in each recording's folder. OUT must be new or empty. Clips, songs, places,",
            "dates and player settings have no place in that layout and stay behind."
        })
final class ExportLegacyCommand implements Callable<Integer> {

    @ParentCommand Cli cli;

    @Mixin HelpOption help;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            required = true,
            description = "A new or empty folder.")
    Path out;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "Only this profile (default: every profile).")
    String profile;

    @Option(
            names = "--with-media",
            description = "Also copy each recording's files from the media store.")
    boolean withMedia;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        LegacyTreeFiles files;
        try {
            files = new LegacyTreeFiles(out, cli.bean(MediaStore.class));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--out: " + e.getMessage());
        }
        List<LegacyExport.ProfileReport> reports =
                cli.bean(LegacyExport.class).run(files, profile, withMedia);
        for (LegacyExport.ProfileReport r : reports) {
            cli.out().println(r.profile() + ": " + r.exported() + " recordings exported");
            r.skipped().forEach(s -> cli.out().println("  left out: " + s));
        }
        cli.out()
                .println(
                        "import it with: import-legacy --config "
                                + files.config()
                                + " --media "
                                + files.media());
        return 0;
    }
}
