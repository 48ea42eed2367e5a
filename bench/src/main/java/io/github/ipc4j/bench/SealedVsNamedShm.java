package io.github.ipc4j.bench;

import io.github.ipc4j.RobustLock;
import io.github.ipc4j.SharedMemory;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.sealed.SealedSharedMemory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The per-call price of the shrink check, one process, uncontended: atomics and lock/unlock on a sealed memfd
 * (no check: nothing can shrink it) against a named POSIX object (an fstat before each read-modify-write
 * atomic and before each lock call). Not part of run.sh's suite (no mechanism pair): run it alone with
 * {@code java -cp <bench classpath> io.github.ipc4j.bench.SealedVsNamedShm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SealedVsNamedShm {
    @Param({"sealed", "named"})
    public String kind;

    private SharedMemory shm;
    private RobustLock lock;
    private String name;

    @Setup(Level.Trial)
    public void open() throws Exception {
        if (kind.equals("sealed")) {
            shm = SealedSharedMemory.create(4096);
        } else {
            name = String.format("/ipc4j-bench-%08x", ThreadLocalRandom.current().nextInt());
            shm = PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(4096));
        }
        lock = RobustLock.initialize(shm, 128);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        shm.close();
        if (name != null) {
            PosixSharedMemory.unlink(name);
        }
    }

    @Benchmark
    public long getAndAddLong() {
        return shm.getAndAddLong(0, 1);
    }

    @Benchmark
    public boolean compareAndSetLong() {
        long v = shm.getLongVolatile(8);
        return shm.compareAndSetLong(8, v, v + 1);
    }

    @Benchmark
    public void lockUnlock() throws Exception {
        lock.lock();
        lock.unlock();
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include("^" + SealedVsNamedShm.class.getName().replace(".", "\\.") + "\\.")
                .build()).run();
    }
}
