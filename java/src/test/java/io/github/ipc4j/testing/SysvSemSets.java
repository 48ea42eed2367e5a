package io.github.ipc4j.testing;

import io.github.ipc4j.sysv.IpcKey;
import io.github.ipc4j.IpcRemovedException;
import io.github.ipc4j.sysv.SysvSemOptions;
import io.github.ipc4j.sysv.SysvSemaphoreSet;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * System V semaphore sets for a test: fresh keys, and the removal of every set made or opened here (by
 * key or id) whatever the test's outcome. Call {@link #close()} in @AfterEach.
 */
public final class SysvSemSets implements AutoCloseable {
    private final List<IpcKey> keys = new ArrayList<>();
    private final Set<Integer> ids = new LinkedHashSet<>();
    private final List<SysvSemaphoreSet> opened = new ArrayList<>();

    /** A key no other test uses (random, with the pid mixed in), whose set {@link #close()} removes. */
    public IpcKey key() {
        int value;
        do {
            value = (int) (ProcessHandle.current().pid() << 16) ^ ThreadLocalRandom.current().nextInt();
        } while (value == 0 || value == -1);
        IpcKey key = IpcKey.of(value);
        keys.add(key);
        return key;
    }

    /** Remembers a set made some other way (by a child process, say) for removal. */
    public void track(int id) {
        ids.add(id);
    }

    /** Tracks and returns a set just opened. */
    public SysvSemaphoreSet track(SysvSemaphoreSet set) {
        ids.add(set.id());
        opened.add(set);
        return set;
    }

    /** A new private set of count semaphores holding values (all 0 when none are given). */
    public SysvSemaphoreSet privateSet(int count, int... values) throws IOException {
        SysvSemOptions options = SysvSemOptions.options().createNew().count(count);
        if (values.length > 0) {
            options.initialValues(values);
        }
        return track(SysvSemaphoreSet.open(IpcKey.PRIVATE, options));
    }

    /** Removes every set named here that still exists. */
    @Override
    public void close() throws IOException {
        for (IpcKey key : keys) {
            try (SysvSemaphoreSet set = SysvSemaphoreSet.open(key, SysvSemOptions.options())) {
                ids.add(set.id());
            } catch (NoSuchFileException gone) {
                // never made, or removed already
            }
        }
        for (int id : ids) {
            try (SysvSemaphoreSet set = SysvSemaphoreSet.ofId(id)) {
                set.remove();
            } catch (NoSuchFileException | IpcRemovedException gone) {
                // removed by the test
            }
        }
        for (SysvSemaphoreSet set : opened) {
            set.close();
        }
        keys.clear();
        ids.clear();
        opened.clear();
    }
}
