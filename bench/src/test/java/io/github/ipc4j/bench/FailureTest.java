package io.github.ipc4j.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A failed measurement says why: the whole chain of its exception, and what a failed peer JVM wrote. Real
 * peers, real JMH runs; each failure is a real one (a peer that cannot start, a benchmark whose set-up
 * throws).
 */
class FailureTest {
    /** A mechanism the peer does not know: the peer JVM fails at once, naming it. */
    private static final Mechanism UNKNOWN = new Mechanism("no-such-mechanism", "unknown", true, null) {
        @Override
        public Shared create(Impl impl) {
            return new Shared("unused");
        }
    };

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aPeerThatFailsBeforeReadyIsQuotedWithItsExitStatus() throws Exception {
        PeerProcess peer = PeerProcess.start(Role.ECHO, UNKNOWN, Impl.IPC4J, 8, new Shared("unused"), Placement.NONE);
        try {
            IOException e = assertThrows(IOException.class, peer::awaitReady);
            assertTrue(e.getMessage().contains("exited with status 1"), e.getMessage());
            assertTrue(e.getMessage().contains("no mechanism no-such-mechanism"), e.getMessage());
        } finally {
            peer.stop();
        }
    }

    /**
     * A FIFO's write end waits for a reader: when the peer JVM cannot even start (its class path is wrong), a
     * stand-in opens the peer's side so this side's open returns, and the failure quotes the peer's JVM.
     */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anOpenThatWaitsForAPeerThatDiedReturnsAndTheFailureSaysWhy() throws Exception {
        String before = System.getProperty(PeerProcess.CLASS_PATH_PROPERTY);
        System.setProperty(PeerProcess.CLASS_PATH_PROPERTY, "/nonexistent/ipc4j-bench-classes");
        try {
            for (Impl impl : new Impl[] { Impl.IPC4J, Impl.JNA }) {
                IOException e = assertThrows(IOException.class, () -> Link.withPeer("fifo", impl.id(), Role.ECHO, 8));
                assertTrue(e.getMessage().contains("exited with status 1"), e.getMessage());
                assertTrue(e.getMessage().contains(Peer.class.getName()), e.getMessage()); // "could not find or load"
            }
        } finally {
            if (before == null) {
                System.clearProperty(PeerProcess.CLASS_PATH_PROPERTY);
            } else {
                System.setProperty(PeerProcess.CLASS_PATH_PROPERTY, before);
            }
        }
    }

    /** JMH hides the benchmark's exception as a suppressed one of its cause: the description has it. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFailedJmhRunIsDescribedWithTheBenchmarksOwnException(@TempDir Path dir) {
        System.setProperty("jmh.ignoreLock", "true");
        Path log = dir.resolve("jmh.log");
        RunnerException e = assertThrows(RunnerException.class, () -> new Runner(new OptionsBuilder()
                .include("^" + RoundTrip.class.getName().replace(".", "\\.") + "\\.")
                .param("mechanism", UNKNOWN.id())
                .param("impl", "ipc4j")
                .param("size", "8")
                .shouldFailOnError(true)
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(10))
                .output(log.toString())
                .build()).run());
        assertFalse(e.toString().contains("no mechanism"), "the point: its own text lacks the cause");
        String described = Failure.describe(e);
        assertTrue(described.contains("NoSuchElementException: no mechanism no-such-mechanism"), described);
        assertTrue(described.contains("at io.github.ipc4j.bench.Mechanisms.byId"), described);
        // what a forked run's failure is known by: JMH's log of it
        String logged = Failure.fromLog(log);
        assertTrue(logged != null && logged.contains("NoSuchElementException: no mechanism no-such-mechanism")
                && logged.contains("at io.github.ipc4j.bench.Mechanisms.byId"), String.valueOf(logged));
    }
}
