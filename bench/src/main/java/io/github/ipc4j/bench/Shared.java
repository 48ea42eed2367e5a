package io.github.ipc4j.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel objects a measurement uses, made by the benchmark before the peer starts: their names
 * (passed to the peer on its command line) and what removes them afterwards.
 */
public final class Shared implements AutoCloseable {
    private final String[] names;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private Object local;

    public Shared(String... names) {
        this.names = names.clone();
    }

    public String name(int i) {
        return names[i];
    }

    public String[] names() {
        return names.clone();
    }

    /** What only the creating process holds (a listening socket), or null. */
    public Object local() {
        return local;
    }

    public Shared local(Object value) {
        this.local = value;
        return this;
    }

    /** Runs at close, last added first. */
    public Shared onClose(AutoCloseable action) {
        cleanup.add(0, action);
        return this;
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable c : cleanup) {
            try {
                c.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        cleanup.clear();
        if (first != null) {
            throw first;
        }
    }
}
