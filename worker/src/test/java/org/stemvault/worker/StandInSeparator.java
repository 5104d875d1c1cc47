package org.stemvault.worker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * TEST FIXTURE, NOT A SEPARATION MODEL: {@code stand-in-separator.sh}, which writes four files
 * named like stems with ffmpeg's band filters (see the script), for tests that run the worker
 * without a GPU. Never shipped: it lives in the worker's test jar only.
 */
public final class StandInSeparator {

    private static Path script;

    private StandInSeparator() {}

    /** The script, copied out of the class path once. */
    public static synchronized Path script() {
        if (script == null) {
            try (InputStream in =
                    StandInSeparator.class.getResourceAsStream("stand-in-separator.sh")) {
                Path file = Files.createTempFile("stand-in-separator", ".sh");
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                file.toFile().deleteOnExit();
                script = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }

    /** The worker's {@code --separate} template that runs the stand-in. */
    public static String command() {
        return "sh " + script() + " {input} {output_dir}";
    }
}
