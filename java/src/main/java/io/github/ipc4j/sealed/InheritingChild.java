package io.github.ipc4j.sealed;

import io.github.ipc4j.internal.Deadline;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.NativeSealedShm;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A child process started by {@link SealedSharedMemory#startChild} with the object's descriptor inherited
 * (posix_spawn: Java's ProcessBuilder closes every descriptor above 2 in its children). Wait for it with
 * {@link #waitFor(Duration)}, which also reaps it: until then an exited child stays a zombie.
 *
 * <p>Thread-safe: waitFor may be called from any thread, and again after the child was reaped.
 */
public final class InheritingChild {
    private static final long POLL_MILLIS = 5;

    private final long pid;
    private final String description;
    private int exitCode = Integer.MIN_VALUE; // unknown yet; guarded by this

    InheritingChild(long pid, String command) {
        this.pid = pid;
        this.description = "child " + pid + " (" + command + ")";
    }

    /**
     * The child's process id.
     *
     * @return the pid
     */
    public long pid() {
        return pid;
    }

    /**
     * The JDK's handle of the process (for info(), descendants(), destroy()).
     *
     * @return the handle; empty once the child was reaped
     */
    public Optional<ProcessHandle> toHandle() {
        return ProcessHandle.of(pid);
    }

    /**
     * Waits at most timeout for the child to exit: its exit code (0..255), or 256 + the number of the signal
     * that killed it; empty when it is still running. Checks every few milliseconds.
     *
     * @param timeout how long to wait at most
     * @return the exit code, or 256 + the signal number; empty when the child still runs
     * @throws InterruptedException the thread was interrupted while it waited
     * @throws IOException {@code waitpid} failed
     */
    public OptionalInt waitFor(Duration timeout) throws InterruptedException, IOException {
        return waitFor(Deadline.after(timeout));
    }

    /**
     * As {@link #waitFor(Duration)}, waiting at most timeout units.
     *
     * @param timeout the longest wait, in units; zero or negative looks once
     * @param unit the unit of timeout
     * @return the exit code, 256 + the signal, or empty while the child runs
     * @throws InterruptedException the thread was interrupted while waiting
     * @throws IOException waitpid failed
     */
    public OptionalInt waitFor(long timeout, TimeUnit unit) throws InterruptedException, IOException {
        return waitFor(Deadline.after(timeout, unit));
    }

    private OptionalInt waitFor(long deadline) throws InterruptedException, IOException {
        for (;;) {
            synchronized (this) {
                if (exitCode == Integer.MIN_VALUE) {
                    int r = NativeSealedShm.childExit(pid);
                    if (r >= 0) {
                        exitCode = r;
                    } else if (r != NativeSealedShm.CHILD_RUNNING) {
                        throw Errors.of(-r, "waitpid", description);
                    }
                }
                if (exitCode != Integer.MIN_VALUE) {
                    return OptionalInt.of(exitCode);
                }
            }
            if (Deadline.remaining(deadline) == 0) {
                return OptionalInt.empty();
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Kills the child (SIGKILL) if it has not been reaped yet. */
    public void destroyForcibly() {
        synchronized (this) {
            if (exitCode == Integer.MIN_VALUE) {
                toHandle().ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
