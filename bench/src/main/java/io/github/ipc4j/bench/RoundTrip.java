package io.github.ipc4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** Round-trip latency: send a message to the peer JVM, which sends it back. Every call timed (percentiles). */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoundTrip extends Measured {
    @Override
    protected Link open() throws Exception {
        return Link.withPeer(mechanism, impl, Role.ECHO, size);
    }

    @Benchmark
    public void roundTrip() throws Exception {
        try {
            endpoint.send(size);
            endpoint.receive(size);
        } catch (Exception e) {
            throw explain(e);
        }
    }
}
