package io.github.ipc4j.cli;

/** A failure the tool reports as one line, with its exit code: {@link #USAGE} for bad input, {@link #FAILURE} else. */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Exit codes: 0 ok, 1 the operation failed, 2 the command line was wrong. */
    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private final int exitCode;

    private CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Bad input: exit code 2. */
    static CliException usage(String message) {
        return new CliException(message, USAGE);
    }

    /** The operation failed: exit code 1. */
    static CliException failure(String message) {
        return new CliException(message, FAILURE);
    }

    int exitCode() {
        return exitCode;
    }
}
