package io.github.ipc4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** The uncontended cost of one operation pair in one process: send then receive on the same object. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SingleProcess extends Measured {
    @Override
    protected Link open() throws Exception {
        return Link.loopback(mechanism, impl);
    }

    @Benchmark
    public void sendReceive() throws Exception {
        endpoint.send(size);
        endpoint.receive(size);
    }
}
