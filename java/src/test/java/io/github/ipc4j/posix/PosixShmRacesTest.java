package io.github.ipc4j.posix;

import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixNames;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Processes and threads that open and grow one POSIX shared memory object at the same time: an opener never
 * sees the creator's object before it is sized, and a grow never cuts back what another process grew further.
 * The participants meet at a barrier in shared memory before each round, so the calls really race.
 */
@EnabledOnOs(OS.LINUX)
class PosixShmRacesTest {
    private static final int ROUNDS = 300;
    private static final long OPEN_SIZE = 65536;
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

    /** One participant opening OPEN_OR_CREATE every round; returns a description of each failure. */
    static List<String> openEveryRound(PosixSharedMemory control, int parties, String prefix) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            await(control, parties, i);
            try (PosixSharedMemory shm = PosixSharedMemory.open(prefix + "-" + i,
                    PosixShmOptions.options().openOrCreate().size(OPEN_SIZE))) {
                if (shm.size() < OPEN_SIZE) {
                    failures.add("round " + i + ": mapped " + shm.size() + " bytes");
                }
            } catch (IOException | RuntimeException e) {
                failures.add("round " + i + ": " + e);
            }
        }
        return failures;
    }

    /** Child: args control name, parties, prefix, what ("open" or "grow"); prints its failures, exits 1 if any. */
    public static final class Peer {
        public static void main(String[] args) throws Exception {
            List<String> failures;
            try (PosixSharedMemory control = PosixSharedMemory.open(args[0])) {
                int parties = Integer.parseInt(args[1]);
                failures = args[3].equals("open") ? openEveryRound(control, parties, args[2])
                        : growEveryRound(control, args[2]);
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

    @Test
    void concurrentOpenOrCreateNeverSeesAnUnsizedObject() throws Exception {
        int threads = 3;
        int parties = threads + 2; // the threads, this thread and a child JVM
        String prefix = prefix();
        try (PosixSharedMemory control = control();
             ChildJvm child = ChildJvm.start(Peer.class, control.name(), String.valueOf(parties), prefix, "open")) {
            List<CompletableFuture<List<String>>> others = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                others.add(CompletableFuture.supplyAsync(() -> openEveryRound(control, parties, prefix),
                        r -> new Thread(r, "shm-opener").start()));
            }
            List<String> failures = new ArrayList<>(openEveryRound(control, parties, prefix));
            for (CompletableFuture<List<String>> other : others) {
                failures.addAll(other.get(120, TimeUnit.SECONDS));
            }
            child.assertSuccess(120);
            assertEquals(List.of(), failures);
        }
    }

    @Test
    void openersWaitForACreatorThatHasNotSizedTheObjectYet() throws Exception {
        control().close(); // loads the library and classes now, so the openers below come before the sizing
        String name = names.name();
        Path file = Paths.get("/dev/shm" + name);
        Files.createFile(file); // what a creator between its shm_open and its ftruncate leaves
        List<CompletableFuture<Object>> openers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            openers.add(Threads.onThread("shm-early-opener", () -> {
                try (PosixSharedMemory shm = PosixSharedMemory.open(name,
                        PosixShmOptions.options().openOrCreate().size(4096))) {
                    return shm.size();
                }
            }));
        }
        Thread.sleep(50); // not a timing assertion: openers that come after the sizing find it sized
        try (RandomAccessFile creator = new RandomAccessFile(file.toFile(), "rw")) {
            creator.setLength(4096);
        }
        for (CompletableFuture<Object> opener : openers) {
            assertEquals(4096L, opener.get(30, TimeUnit.SECONDS));
        }
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

    /**
     * Threads growing one object at once: once a grow has returned, the object's mapping covers the size it
     * asked for (a grow to less that mapped after it used to replace the larger mapping: size() went back and
     * views of the grown range were out of bounds). A grow that comes after a larger one may be refused
     * (IllegalArgumentException, smaller than the current size), never cut the mapping back.
     */
    @Test
    void threadsGrowingOneObjectAtOnceNeverCutItsMappingBack() throws Exception {
        int threads = 4;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            try (PosixSharedMemory shm = PosixSharedMemory.open(names.name(),
                    PosixShmOptions.options().createNew().size(4096))) {
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
                List<CompletableFuture<Object>> growers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    long size = 4096L * (2 + t);
                    growers.add(Threads.onThread("shm-grower", () -> {
                        start.await(60, TimeUnit.SECONDS);
                        try {
                            shm.grow(size);
                        } catch (IllegalArgumentException grownFurtherAlready) {
                            return 0L;
                        }
                        return size;
                    }));
                }
                long grown = 0;
                for (CompletableFuture<Object> grower : growers) {
                    grown = Math.max(grown, (Long) grower.get(60, TimeUnit.SECONDS));
                }
                if (shm.size() < grown) {
                    failures.add("round " + i + ": mapped " + shm.size() + " bytes after grow(" + grown + ")");
                } else {
                    shm.buffer(grown - 8, 8).putLong(0, 1); // the grown range is there to use
                }
            }
        }
        assertEquals(List.of(), failures);
    }
}
