package io.github.ipc4j.posix;

import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.testing.AttackedMain;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixNames;
import io.github.ipc4j.testing.Signals;
import io.github.ipc4j.testing.Threads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.RandomAccessFile;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static io.github.ipc4j.testing.AttackedMain.check;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A process that may write a semaphore's file in /dev/shm truncates it while another JVM has the semaphore open,
 * with one thread blocked in acquire: the C library's next access of its memory used to end that JVM (SIGBUS).
 * Now every operation throws an IpcException saying what happened, the blocked thread included, and the JVM lives.
 */
@EnabledOnOs(OS.LINUX)
class PosixSemaphoreTruncationTest {
    private final PosixNames names = new PosixNames(PosixSemaphore::unlink);

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    /** The victim: args = the semaphore's name. */
    public static final class Victim {
        public static void main(String[] args) {
            AttackedMain.exit(() -> {
                String name = args[0];
                try (PosixSemaphore sem = PosixSemaphore.open(name)) {
                    CompletableFuture<Object> first = Threads.onThread("sem-waiter-1", () -> acquireNone(sem));
                    CompletableFuture<Object> second = Threads.onThread("sem-waiter-2", () -> acquireNone(sem));
                    Thread.sleep(300); // both sleep in the kernel by now
                    truncate(name);

                    Threads.named("sem-waiter-1").interrupt(); // the C library touches the memory on its way out
                    Object interrupted = Threads.endedWithin(first, 10);
                    check(interrupted instanceof IpcException || interrupted instanceof InterruptedException,
                            "the interrupted waiter: " + interrupted);

                    expectLost(sem::release); // and wakes the other waiter, which learns the same
                    Object released = Threads.endedWithin(second, 10);
                    check(!"still blocked".equals(released), "the second waiter is still blocked");
                    check(isLost(released), "the second waiter: " + released);

                    expectLost(() -> sem.tryAcquire());
                    expectLost(() -> sem.tryAcquire(Duration.ofMillis(50)));
                    expectLost(() -> sem.availablePermits());
                    expectLost(() -> sem.release(3));
                    expectLost(sem::acquire);
                }
            });
        }

        /** Waits for a permit nobody adds: what it returns is a failure, what it throws the outcome. */
        static Object acquireNone(PosixSemaphore sem) throws Exception {
            sem.acquire();
            return new AssertionError("acquired a permit nobody added");
        }

        private static void truncate(String name) throws Exception {
            try (RandomAccessFile file = new RandomAccessFile("/dev/shm/sem." + name.substring(1), "rw")) {
                file.setLength(0);
            }
        }

        interface Call {
            void run() throws Exception;
        }

        private static void expectLost(Call call) throws Exception {
            try {
                call.run();
            } catch (IpcException e) {
                check(isLost(e), "not the truncation: " + e);
                return;
            }
            throw new AssertionError("no exception on a truncated semaphore");
        }

        private static boolean isLost(Object e) {
            return e instanceof IpcException
                    && ((IpcException) e).getMessage().contains("was truncated by another process");
        }
    }

    /**
     * The victim of a stop: args = the semaphore's name. Its waiter sleeps in acquire() when the file is truncated
     * and the process stopped and continued: the kernel restarts the waiter's futex wait, which reads the
     * semaphore's word again and finds its page gone (EFAULT), an error glibc's wait ends the process on.
     */
    public static final class StoppedVictim {
        public static void main(String[] args) {
            AttackedMain.exit(() -> {
                String name = args[0];
                try (PosixSemaphore sem = PosixSemaphore.open(name)) {
                    CompletableFuture<Object> waiter = Threads.onThread("sem-stopped-waiter",
                            () -> Victim.acquireNone(sem));
                    Thread.sleep(300); // in the kernel's wait by now
                    Signals.truncateThenStopAndContinue("/dev/shm/sem." + name.substring(1));
                    sem.close(); // a waiter the restart left in the kernel's wait (on its page) is woken by close
                    Object ended = Threads.endedWithin(waiter, 10);
                    check(!"still blocked".equals(ended), "the waiter is still blocked");
                    // an IpcException when its wait found the page gone; closed, should the kernel's wait not
                    // have read the word again: either way the JVM lives, which is what this victim is for
                    check(ended instanceof IpcException || ended instanceof IpcClosedException, "the waiter: " + ended);
                }
            });
        }
    }

    @Test
    @Tag("kernel-signal-from-outside") // a stop from outside: ci/test-aarch64-jvm.sh (qemu-user) leaves it out
    void aWaitRestartedAfterTheTruncationFailsTheCallWithoutEndingTheJvm() throws Exception {
        String name = names.name();
        PosixSemaphore.open(name, PosixSemOptions.options().createNew()).close();
        for (int run = 0; run < 6; run++) {
            try (RandomAccessFile file = new RandomAccessFile("/dev/shm/sem." + name.substring(1), "rw")) {
                file.setLength(32);
            }
            try (ChildJvm victim = ChildJvm.start(StoppedVictim.class, name)) {
                assertEquals(0, victim.waitFor(60), victim.output());
            }
        }
    }

    @Test
    void aTruncatedSemaphoreFailsEveryCallWithoutEndingTheJvm() throws Exception {
        String name = names.name();
        PosixSemaphore.open(name, PosixSemOptions.options().createNew()).close(); // it stays until unlinked
        try (ChildJvm victim = ChildJvm.start(Victim.class, name)) {
            assertEquals(0, victim.waitFor(60), victim.output());
        }
    }
}
