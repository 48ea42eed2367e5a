package io.github.ipc4j.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every benchmark of the suite shares: which mechanism, implementation and message size (JMH
 * parameters, set by {@link BenchMain}, with the round), and the link it measures, opened for the trial and
 * closed after.
 */
@State(Scope.Thread)
public abstract class Measured {
    @Param("posix-mq")
    public String mechanism;
    @Param("ipc4j")
    public String impl;
    @Param("8")
    public int size;
    /** Which of the suite's rounds this run is (1, 2, ...; 0 outside them): recorded in jmh-results.json only. */
    @Param("0")
    public int round;

    protected Endpoint endpoint;
    private Link link;

    /** The link this benchmark measures: a peer that echoes or drains, or one process alone. */
    protected abstract Link open() throws Exception;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        link = open();
        endpoint = link.endpoint();
    }

    /** Runs at the end of the trial, before the link closes. */
    protected void closing() throws Exception {
        // nothing by default
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        try {
            closing();
        } finally {
            link.close();
        }
    }

    /** A failure of the measured calls, with what the peer process did and said (a benchmark throws this). */
    protected Exception explain(Exception e) {
        return link.explain(e);
    }
}
