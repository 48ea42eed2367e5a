package io.github.ipc4j.posix;

import io.github.ipc4j.testing.AttackedMain;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.RandomAccessFile;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.github.ipc4j.testing.AttackedMain.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Atomics on a POSIX shared memory object while another thread truncates and regrows its file in a loop, as a
 * hostile process can: each atomic either happens or throws an IllegalStateException saying the object shrank,
 * and the JVM lives. The atomics used to check the size first (fstat) and then run the JVM's own compare-and-set,
 * which a shrink between the two made fault on a lost page: the end of the process.
 */
@EnabledOnOs(OS.LINUX)
class SharedMemoryAtomicsShrinkTest {
    private static final int SIZE = 1 << 16;

    private final PosixNames names = new PosixNames(PosixSharedMemory::unlink);

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    /** The victim: args = the object's name, how long to hammer (ms). */
    public static final class Victim {
        public static void main(String[] args) {
            AttackedMain.exit(() -> {
                String name = args[0];
                long until = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000;
                AtomicBoolean done = new AtomicBoolean();
                AtomicLong shrinks = new AtomicLong();
                Thread peer = new Thread(() -> {
                    try (RandomAccessFile file = new RandomAccessFile("/dev/shm" + name, "rw")) {
                        while (!done.get()) {
                            file.setLength(0);
                            file.setLength(SIZE);
                            shrinks.incrementAndGet();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                long done1 = 0;
                long refused = 0;
                try (PosixSharedMemory memory = PosixSharedMemory.open(name)) {
                    peer.start();
                    for (long i = 0; System.nanoTime() - until < 0; i++) {
                        long offset = (i * 4104) % (SIZE - 8) & ~7L; // every page in turn
                        try {
                            if ((i & 1) == 0) {
                                memory.getAndAddLong(offset, 1);
                            } else {
                                memory.compareAndSetInt(offset, 0, 1);
                            }
                            done1++;
                        } catch (IllegalStateException e) {
                            check(e.getMessage().contains("shrank"), "not a shrink: " + e);
                            refused++;
                        }
                    }
                } finally {
                    done.set(true);
                    peer.join();
                }
                System.out.println("atomics done " + done1 + ", refused " + refused + ", shrinks " + shrinks.get());
                check(done1 > 0 && refused > 0, "the race was not run: " + done1 + " done, " + refused + " refused");
            });
        }
    }

    @Test
    void atomicsRacingAShrinkingPeerEitherHappenOrThrowAndTheJvmLives() throws Exception {
        String name = names.name();
        PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(SIZE)).close(); // stays until unlinked
        try (ChildJvm victim = ChildJvm.start(Victim.class, name, "4000")) {
            assertEquals(0, victim.waitFor(120), victim.output());
        }
    }
}
