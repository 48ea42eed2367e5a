package io.github.ipc4j.cli;

import picocli.CommandLine.Command;

/** Placeholder, replaced below. */
@Command(name = "watch")
final class WatchCommand implements Runnable {
    @Override
    public void run() {
        throw CliException.failure("not yet");
    }
}
