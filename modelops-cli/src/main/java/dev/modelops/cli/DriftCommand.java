package dev.modelops.cli;

import picocli.CommandLine.Command;

/** {@code modelops drift ...}: reference profiles, drift checks and streaming change detection. */
@Command(name = "drift", description = "Watch models for drift: profiles, checks of new data, streaming detectors.",
        subcommands = {DriftCheckCommand.class, DriftProfileCommand.class, DriftStreamCommand.class})
final class DriftCommand {
}
