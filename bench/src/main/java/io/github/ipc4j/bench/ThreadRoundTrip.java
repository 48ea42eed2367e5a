package io.github.ipc4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The round trip made from a virtual thread (thread = virtual; the peer's echo loop runs on a virtual thread
 * too) or, as the baseline, from a platform thread through the same {@link Driver} (thread = platform):
 * average nanoseconds per round trip, over batches of {@link #BATCH}. Virtual threads need JDK 21+.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ThreadRoundTrip extends Measured {
    /** Round trips per hand-off to the driver thread. */
    public static final int BATCH = 100;

    @Param("virtual")
    public String thread;

    private Driver driver;

    @Override
    protected Link open() throws Exception {
        boolean virtual = thread.equals("virtual");
        Link link = Link.withPeer(mechanism, impl, virtual ? Role.ECHO_VIRTUAL : Role.ECHO, size);
        try {
            // started from this (pinned) thread: a platform thread, and the carrier threads the scheduler
            // starts for a virtual one, inherit its CPU
            driver = new Driver(link.endpoint(), size, BATCH, virtual);
        } catch (RuntimeException | Error e) {
            link.close();
            throw e;
        }
        return link;
    }

    @Override
    protected void closing() throws Exception {
        driver.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void roundTrips() throws Exception {
        try {
            driver.runBatch();
        } catch (Exception e) {
            throw explain(e);
        }
    }
}
