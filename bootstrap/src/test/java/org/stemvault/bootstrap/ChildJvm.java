package org.stemvault.bootstrap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts a child JVM on the tests' class path, for the tests whose point is a
 * process boundary (an exit code, a crash, a separate worker). A child lives seconds, so it starts
 * with the client compiler only and the serial collector, which start it faster than the defaults.
 */
final class ChildJvm {

    private ChildJvm() {}

    /** {@code java <options> -cp <the tests' class path> <main> <args>}. */
    static List<String> command(List<String> options, String main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main);
        command.addAll(List.of(args));
        return command;
    }
}
