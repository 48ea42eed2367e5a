package io.github.ipc4j.cli;

import picocli.CommandLine.Option;

/** --create and --mode: whether a command may create its object, and the permissions of one it creates. */
final class CreateOptions {
    @Option(names = {"-c", "--create"}, description = "Create it if it does not exist.")
    boolean create;

    @Option(names = "--mode", paramLabel = "OCTAL", description = "Permissions of an object created (default 0600).")
    String mode;

    /** The permissions asked for, or -1 for the default; a usage error without --create or for bad octal. */
    int mode() {
        if (mode == null) {
            return -1;
        }
        if (!create) {
            throw CliException.usage("--mode applies to an object created: add --create");
        }
        return Output.mode(mode);
    }
}
