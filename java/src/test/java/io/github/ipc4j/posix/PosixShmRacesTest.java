package io.github.ipc4j.posix;

import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Processes that grow one POSIX shared memory object at the same time: a grow never cuts back what another
 * process grew further.
 * The participants meet at a barrier in shared memory before each round, so the calls really race.
 */
@EnabledOnOs(OS.LINUX)
class PosixShmRacesTest {
    private static final int ROUNDS = 300;
    private static final long BIG = 1 << 20;
    private static final long SMALL = 8192;

    private final PosixNames names = new PosixNames(PosixSharedMemory::unlink);
    private final List<String> rounds = new ArrayList<>();

    @AfterEach
    void removeObjects() throws Exception {
        for (String name : rounds) {
            try {
                PosixSharedMemory.unlink(name);
            } catch (NoSuchFileException gone) {
                // this round never created it
            }
        }
        names.close();
    }

    /** Waits until parties participants in all reached generation gen of the barrier at offset 0 of control. */
    static void await(PosixSharedMemory control, int parties, int gen) {
        control.getAndAddInt(0, 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (control.getIntVolatile(0) < parties * (gen + 1)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("barrier: a participant never came to generation " + gen);
            }
            Thread.yield();
        }
    }

    /** Child: args control name, parties, prefix, what ("open" or "grow"); prints its failures, exits 1 if any. */
    public static final class Peer {
        public static void main(String[] args) throws Exception {
            List<String> failures;
            try (PosixSharedMemory control = PosixSharedMemory.open(args[0])) {
                failures = growEveryRound(control, args[2]);
            }
            failures.forEach(System.out::println);
            System.exit(failures.isEmpty() ? 0 : 1);
        }
    }

    private PosixSharedMemory control() throws IOException {
        return PosixSharedMemory.open(names.name(), PosixShmOptions.options().createNew().size(64));
    }

    private String prefix() {
        String prefix = names.name();
        for (int i = 0; i < ROUNDS; i++) {
            rounds.add(prefix + "-" + i);
        }
        return prefix;
    }

    /** The child's side of the grow race: opens round i's object, then grows it to SMALL at the barrier. */
    static List<String> growEveryRound(PosixSharedMemory control, String prefix) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            await(control, 2, 2 * i); // the parent created it
            try (PosixSharedMemory shm = PosixSharedMemory.open(prefix + "-" + i)) {
                await(control, 2, 2 * i + 1);
                shm.grow(SMALL);
            } catch (IOException | RuntimeException e) {
                failures.add("round " + i + ": " + e);
            }
        }
        return failures;
    }

    @Test
    void twoProcessesGrowingAtOnceEndAtTheLargerSize() throws Exception {
        String prefix = prefix();
        try (PosixSharedMemory control = control();
             ChildJvm child = ChildJvm.start(Peer.class, control.name(), "2", prefix, "grow")) {
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                try (PosixSharedMemory shm = PosixSharedMemory.open(prefix + "-" + i,
                        PosixShmOptions.options().createNew().size(4096))) {
                    await(control, 2, 2 * i);
                    await(control, 2, 2 * i + 1);
                    shm.grow(BIG);
                }
            }
            child.assertSuccess(120);
            for (int i = 0; i < ROUNDS; i++) {
                try (PosixSharedMemory shm = PosixSharedMemory.open(prefix + "-" + i)) {
                    if (shm.size() != BIG) {
                        failures.add("round " + i + ": " + shm.size() + " bytes, cut back from " + BIG);
                    }
                }
            }
            assertEquals(List.of(), failures);
        }
    }
}
