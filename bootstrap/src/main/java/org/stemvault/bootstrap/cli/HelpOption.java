package org.stemvault.bootstrap.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} on every command: its generated usage. */
final class HelpOption {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help.")
    boolean help;
}
