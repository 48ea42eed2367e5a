package io.github.ipc4j.cli;

import picocli.CommandLine.Command;

/** Placeholder, replaced below. */
@Command(name = "bench")
final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw CliException.failure("not yet");
    }
}
