package io.github.ipc4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** One-way throughput: messages per second sent to a peer JVM that only receives (the kernel paces it). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OneWay extends Measured {
    @Override
    protected Link open() throws Exception {
        return Link.withPeer(mechanism, impl, Role.DRAIN, size);
    }

    @Benchmark
    public void send() throws Exception {
        try {
            endpoint.send(size);
        } catch (Exception e) {
            throw explain(e);
        }
    }
}
