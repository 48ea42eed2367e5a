package io.github.ipc4j.sysv;

import io.github.ipc4j.IpcException;
import io.github.ipc4j.internal.KernelLimits;
import io.github.ipc4j.testing.SysvSemSets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every parameter wrong in turn: a clear exception naming what is allowed, and nothing changed or left behind. */
@EnabledOnOs(OS.LINUX)
class SysvSemBadInputTest {
    private final SysvSemSets sets = new SysvSemSets();

    @AfterEach
    void removeSets() throws Exception {
        sets.close();
    }

    private static void assertMessage(Class<? extends Throwable> type, Executable call, String... parts) {
        Throwable e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    private static long[] kernelSem() throws Exception {
        String[] fields = KernelLimits.text("/proc/sys/kernel/sem").split("\\s+");
        long[] values = new long[4];
        for (int i = 0; i < 4; i++) {
            values[i] = Long.parseLong(fields[i]);
        }
        return values;
    }

    @Test
    void openArguments() throws Exception {
        SysvSemOptions options = SysvSemOptions.options();
        assertMessage(NullPointerException.class, () -> SysvSemaphoreSet.open(null, options), "key");
        assertMessage(NullPointerException.class, () -> SysvSemaphoreSet.open(sets.key(), null), "options");
        assertMessage(IllegalArgumentException.class, () -> SysvSemaphoreSet.open(IpcKey.PRIVATE, options),
                "IpcKey.PRIVATE always creates", "ofId");
        assertMessage(IllegalArgumentException.class,
                () -> SysvSemaphoreSet.open(sets.key(), SysvSemOptions.options().createNew()), "count");
        assertMessage(IllegalArgumentException.class,
                () -> SysvSemaphoreSet.open(sets.key(), SysvSemOptions.options().openOrCreate()), "count");
        for (int bad : new int[] {0, -1, 65536, Integer.MIN_VALUE}) {
            assertMessage(IllegalArgumentException.class, () -> SysvSemOptions.options().count(bad),
                    "count must be from 1", String.valueOf(bad));
        }
        assertMessage(IllegalArgumentException.class, () -> SysvSemOptions.options().mode(01000), "0 to 0777");
        assertMessage(IllegalArgumentException.class, () -> SysvSemOptions.options().mode(-1), "0 to 0777");
        assertMessage(IllegalArgumentException.class, () -> SysvSemaphoreSet.createPrivate(0), "count");
        assertMessage(IllegalArgumentException.class, () -> SysvSemaphoreSet.ofId(-1), "not negative");
        assertMessage(NoSuchFileException.class, () -> SysvSemaphoreSet.ofId(Integer.MAX_VALUE), "no semaphore set");
    }

    @Test
    void initialValues() {
        assertMessage(NullPointerException.class, () -> SysvSemOptions.options().initialValues((int[]) null),
                "initialValues");
        assertMessage(IllegalArgumentException.class, () -> SysvSemOptions.options().initialValues(new int[0]),
                "1 to SEMMSL");
        assertMessage(IllegalArgumentException.class, () -> SysvSemOptions.options().initialValues(1, -1),
                "initialValues[1]", "0 to 32767", "SEMVMX");
        assertMessage(IllegalArgumentException.class, () -> SysvSemOptions.options().initialValues(32768),
                "initialValues[0]", "0 to 32767");
        IpcKey key = sets.key();
        assertMessage(IllegalArgumentException.class, () -> SysvSemaphoreSet.open(key,
                SysvSemOptions.options().createNew().count(3).initialValues(1, 1)), "count 3", "2 initialValues");
        assertThrows(NoSuchFileException.class, () -> SysvSemaphoreSet.open(key, SysvSemOptions.options()),
                "nothing was created");
    }

    @Test
    void countAboveSemmslNamesTheLimitAndHowToRaiseIt() throws Exception {
        long semmsl = kernelSem()[0];
        if (semmsl >= 65535) {
            return; // the kernel takes every count the API can express
        }
        IpcKey key = sets.key();
        assertMessage(IllegalArgumentException.class, () -> SysvSemaphoreSet.open(key,
                        SysvSemOptions.options().createNew().count((int) semmsl + 1)),
                "count " + (semmsl + 1), "SEMMSL", "/proc/sys/kernel/sem", "sysctl -w kernel.sem=");
        assertThrows(NoSuchFileException.class, () -> SysvSemaphoreSet.open(key, SysvSemOptions.options()));
    }

    @Test
    void openingAnExistingSetWithMoreSemaphoresThanItHas() throws Exception {
        IpcKey key = sets.key();
        try (SysvSemaphoreSet set = SysvSemaphoreSet.open(key, SysvSemOptions.options().createNew().count(2))) {
            IpcException e = assertThrows(IpcException.class,
                    () -> SysvSemaphoreSet.open(key, SysvSemOptions.options().count(3)));
            assertEquals("EINVAL", e.errnoName());
            assertTrue(e.getMessage().contains("fewer semaphores than the count 3"), e.getMessage());
            assertTrue(e.getMessage().contains("SEMMSL"), e.getMessage());
            assertEquals(2, set.size());
        }
    }

    @Test
    void ownerAndModeChecksOfAnExistingSet() throws Exception {
        IpcKey key = sets.key();
        try (SysvSemaphoreSet set = SysvSemaphoreSet.open(key, SysvSemOptions.options().createNew().count(1)
                .mode(0666))) {
            assertMessage(AccessDeniedException.class,
                    () -> SysvSemaphoreSet.open(key, SysvSemOptions.options().maxMode(0600)), "grants more", "0666");
            set.setOwner(set.status().ownerUid() + 4242, set.status().ownerGid());
            if (set.status().ownerUid() != 0) { // as root the change worked: the set is now someone else's
                assertMessage(AccessDeniedException.class,
                        () -> SysvSemaphoreSet.open(key, SysvSemOptions.options().requireOwner()), "owned by uid");
            }
        }
    }

    @Test
    void operationBuilder() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(2)) {
            assertMessage(IllegalArgumentException.class, () -> set.operation().add(-1, 1), "index -1",
                    "indexes 0 to 1");
            assertMessage(IllegalArgumentException.class, () -> set.operation().add(2, 1), "index 2", "2 semaphores");
            assertMessage(IllegalArgumentException.class, () -> set.operation().waitForZero(2), "index 2");
            assertMessage(IllegalArgumentException.class, () -> set.operation().add(0, 0), "not 0", "waitForZero");
            for (int bad : new int[] {32768, -32768, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
                assertMessage(IllegalArgumentException.class, () -> set.operation().add(0, bad), "-32767 to 32767",
                        String.valueOf(bad));
            }
            assertMessage(NullPointerException.class, () -> set.operation().add(0, 1, (SemFlag[]) null), "flags");
            assertMessage(NullPointerException.class, () -> set.operation().add(0, 1, SemFlag.UNDO, null), "flag");
            assertMessage(IllegalStateException.class, () -> set.operation().build(), "at least one");
            long semopm = kernelSem()[2];
            SemOperation.Builder many = set.operation();
            for (long i = 0; i <= semopm; i++) {
                many.add(0, 1);
            }
            assertMessage(IllegalArgumentException.class, many::build, String.valueOf(semopm + 1), "SEMOPM",
                    "field 3 of /proc/sys/kernel/sem", "sysctl -w kernel.sem=");
        }
    }

    @Test
    void performArguments() throws Exception {
        try (SysvSemaphoreSet big = sets.privateSet(3); SysvSemaphoreSet small = sets.privateSet(2)) {
            SemOperation third = big.operation().add(2, 1).build();
            assertMessage(IllegalArgumentException.class, () -> small.perform(third), "semaphore 2", "2 semaphores");
            assertMessage(IllegalArgumentException.class, () -> small.tryPerform(third), "semaphore 2");
            SemOperation first = big.operation().add(0, 1).build();
            assertTrue(small.tryPerform(first), "an operation fits any set with enough semaphores");
            assertMessage(NullPointerException.class, () -> small.perform(null), "operation");
            assertMessage(NullPointerException.class, () -> small.tryPerform(null), "operation");
            assertMessage(NullPointerException.class, () -> small.tryPerform(first, null), "timeout");
            SemOperation blocks = big.operation().add(1, -1).build();
            assertFalse(small.tryPerform(blocks, Duration.ofMillis(-1)), "a negative timeout means zero: one try");
            assertFalse(small.tryPerform(blocks, -1, java.util.concurrent.TimeUnit.SECONDS));
            assertMessage(NullPointerException.class, () -> small.awaitInitialized(null), "timeout");
            assertArrayEquals(new int[] {1, 0}, small.getAll(), "only the good call changed anything");
        }
    }

    @Test
    void valueArguments() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(2)) {
            for (int bad : new int[] {-1, 2}) {
                assertMessage(IllegalArgumentException.class, () -> set.get(bad), "index " + bad, "0 to 1");
                assertMessage(IllegalArgumentException.class, () -> set.set(bad, 1), "index " + bad);
                assertMessage(IllegalArgumentException.class, () -> set.lastPid(bad), "index " + bad);
                assertMessage(IllegalArgumentException.class, () -> set.waitingForIncrease(bad), "index " + bad);
                assertMessage(IllegalArgumentException.class, () -> set.waitingForZero(bad), "index " + bad);
            }
            assertMessage(IllegalArgumentException.class, () -> set.set(0, -1), "value", "0 to 32767", "SEMVMX");
            assertMessage(IllegalArgumentException.class, () -> set.set(0, 32768), "value", "0 to 32767");
            assertMessage(NullPointerException.class, () -> set.setAll((int[]) null), "values");
            assertMessage(IllegalArgumentException.class, () -> set.setAll(1), "one value per semaphore", "has 2");
            assertMessage(IllegalArgumentException.class, () -> set.setAll(1, 2, 3), "3 were given");
            assertMessage(IllegalArgumentException.class, () -> set.setAll(1, 32768), "values[1]", "0 to 32767");
            assertMessage(IllegalArgumentException.class, () -> set.setMode(01000), "0 to 0777");
            assertMessage(IllegalArgumentException.class, () -> set.setMode(-1), "0 to 0777");
            assertMessage(IllegalArgumentException.class, () -> set.setOwner(-1, 0), "uid");
            assertMessage(IllegalArgumentException.class, () -> set.setOwner(0, 0x1_0000_0000L), "gid");
            assertArrayEquals(new int[] {0, 0}, set.getAll(), "nothing changed");
        }
    }

    @Test
    void valuesAboveSemvmxThroughOperationsNameTheLimit() throws Exception {
        try (SysvSemaphoreSet set = sets.privateSet(1, 32767)) {
            IpcException e = assertThrows(IpcException.class, () -> set.tryPerform(set.operation().add(0, 1).build()));
            assertEquals("ERANGE", e.errnoName());
            assertTrue(e.limit().contains("SEMVMX"), e.getMessage());
            assertEquals(32767, set.get(0));
            // the SEM_UNDO adjustment has the same bounds: two +20000 with UNDO add up to -40000 to undo
            set.set(0, 0);
            SemOperation give = set.operation().add(0, 20000, SemFlag.UNDO).build();
            assertTrue(set.tryPerform(give));
            assertTrue(set.tryPerform(set.operation().add(0, -20000).build()));
            IpcException undo = assertThrows(IpcException.class, () -> set.tryPerform(give));
            assertEquals("ERANGE", undo.errnoName());
            assertTrue(undo.getMessage().contains("SEM_UNDO adjustment"), undo.getMessage());
            assertEquals(0, set.get(0));
        }
    }

    @Test
    void aSetTheUserMayNotUseIsRefusedAtOpen() throws Exception {
        IpcKey key = sets.key();
        try (SysvSemaphoreSet set = SysvSemaphoreSet.open(key, SysvSemOptions.options().createNew().count(1)
                .mode(0))) {
            if ("root".equals(System.getProperty("user.name"))) {
                return; // root may use any set
            }
            assertThrows(AccessDeniedException.class, () -> SysvSemaphoreSet.open(key, SysvSemOptions.options()));
            assertEquals(0, set.status().mode());
        }
    }
}
