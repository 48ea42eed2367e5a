package io.github.ipc4j.posix;

import io.github.ipc4j.IpcException;
import io.github.ipc4j.RobustLock;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every misuse the safety rule covers, each run in a child JVM: if the rule were broken the child would die
 * with SIGSEGV or SIGBUS, which fails the test instead of ending the suite.
 */
@EnabledOnOs(OS.LINUX)
class SharedMemoryMisuseTest {
    private final PosixNames names = new PosixNames(PosixSharedMemory::unlink);

    @AfterEach
    void removeObjects() throws Exception {
        names.close();
    }

    @ParameterizedTest
    @Tag("heavy") // a child JVM per scenario: timed out under emulation on a busy machine; runs natively
    @ValueSource(strings = {"closeWithLiveViews", "closeWhileAnotherThreadReads", "objectShrunkByAnotherProcess",
            "readPastTheSize", "manyMappingsClosedAndCollected", "lockHeldWhileItsMemoryIsDropped"})
    void survivesInAChildJvm(String scenario) throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Xmx64m"), Misuse.class, names.name(), scenario)) {
            child.assertSuccess(120);
            assertTrue(child.output().contains("survived " + scenario), child.output());
        }
    }

    /** The child: runs one scenario and prints "survived" with what it saw. */
    public static final class Misuse {
        public static void main(String[] args) throws Exception {
            String name = args[0];
            try {
                switch (args[1]) {
                    case "closeWithLiveViews": closeWithLiveViews(name); break;
                    case "closeWhileAnotherThreadReads": closeWhileAnotherThreadReads(name); break;
                    case "objectShrunkByAnotherProcess": objectShrunkByAnotherProcess(name); break;
                    case "readPastTheSize": readPastTheSize(name); break;
                    case "manyMappingsClosedAndCollected": manyMappingsClosedAndCollected(name); break;
                    case "lockHeldWhileItsMemoryIsDropped": lockHeldWhileItsMemoryIsDropped(name); break;
                    default: throw new IllegalArgumentException(args[1]);
                }
            } finally {
                try {
                    PosixSharedMemory.unlink(name);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // removed already
                }
            }
            System.out.println("survived " + args[1]);
        }

        private static PosixSharedMemory create(String name, long size) throws Exception {
            return PosixSharedMemory.open(name, PosixShmOptions.options().createNew().size(size));
        }

        /** Views outlive close and several collections: their memory must still be mapped. */
        static void closeWithLiveViews(String name) throws Exception {
            PosixSharedMemory shm = create(name, 1 << 20);
            ByteBuffer whole = shm.buffer();
            ByteBuffer window = shm.buffer(4096, 4096).slice(100, 8);
            ByteBuffer readOnly = shm.buffer().asReadOnlyBuffer().order(java.nio.ByteOrder.nativeOrder());
            shm.close();
            shm = null;
            for (int round = 0; round < 20; round++) {
                List<byte[]> garbage = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    garbage.add(new byte[64 * 1024]);
                }
                System.gc();
                for (int i = 0; i < whole.capacity(); i += 4096) {
                    whole.putInt(i, round);
                }
                window.putLong(0, round);
                if (readOnly.getInt(8192) != round) {
                    throw new AssertionError("lost a write");
                }
                garbage.clear();
            }
        }

        /** One thread reads and adds through views and atomics while another closes the memory. */
        static void closeWhileAnotherThreadReads(String name) throws Exception {
            for (int round = 0; round < 50; round++) {
                PosixSharedMemory shm = create(name, 65536);
                AtomicBoolean started = new AtomicBoolean();
                AtomicLong afterClose = new AtomicLong();
                Thread reader = new Thread(() -> {
                    ByteBuffer view = shm.buffer();
                    started.set(true);
                    long sum = 0;
                    for (int i = 0; i < 200_000; i++) {
                        sum += view.getLong((i * 8) & 65535);
                        try {
                            shm.getAndAddLong(0, 1);
                        } catch (IllegalStateException closed) {
                            afterClose.incrementAndGet(); // the view still works after this
                        }
                    }
                    if (sum == 42) {
                        System.out.print("");
                    }
                });
                reader.start();
                while (!started.get()) {
                    Thread.onSpinWait();
                }
                shm.close();
                System.gc();
                reader.join();
                PosixSharedMemory.unlink(name);
            }
        }

        /** A peer truncates the object under our mapping: accesses fail with a Java error, the lock refuses. */
        static void objectShrunkByAnotherProcess(String name) throws Exception {
            PosixSharedMemory shm = create(name, 1 << 16);
            RobustLock lock = RobustLock.initialize(shm, 1024);
            ByteBuffer view = shm.buffer();
            view.putLong(0, 1);
            try (RandomAccessFile peer = new RandomAccessFile("/dev/shm" + name, "rw")) {
                peer.setLength(0); // what a hostile or broken process can do
            }
            expectError("view read", () -> view.getLong(8192));
            expectError("view write", () -> view.putLong(16, 5));
            expectError("volatile read", () -> shm.getLongVolatile(8192));
            for (Access atomic : new Access[] {() -> shm.getAndAddLong(8192, 1), () -> shm.compareAndSetInt(0, 0, 1)}) {
                try {
                    atomic.run();
                    throw new AssertionError("an atomic ran on memory that is gone");
                } catch (IllegalStateException refused) {
                    if (!refused.getMessage().contains("shrank")) {
                        throw new AssertionError(refused);
                    }
                }
            }
            try {
                lock.lock();
                throw new AssertionError("locked memory that is gone");
            } catch (IpcException refused) {
                if (!refused.getMessage().contains("shrank")) {
                    throw new AssertionError(refused);
                }
            }
            shm.close();
        }

        private interface Access {
            void run() throws Exception;
        }

        private static void expectError(String what, Access access) throws Exception {
            try {
                access.run();
                throw new AssertionError(what + ": no error reading truncated memory");
            } catch (InternalError expected) {
                System.out.println(what + ": " + expected.getMessage());
            }
        }

        static void readPastTheSize(String name) throws Exception {
            try (PosixSharedMemory shm = create(name, 4096)) {
                ByteBuffer view = shm.buffer();
                int refused = 0;
                for (long offset : new long[] {4096, 4100, 1L << 32, Long.MAX_VALUE - 3, -8}) {
                    try {
                        shm.getIntVolatile(offset);
                    } catch (IndexOutOfBoundsException expected) {
                        refused++;
                    }
                }
                for (int index : new int[] {4096, 4093, Integer.MAX_VALUE, -1}) {
                    try {
                        view.getInt(index);
                    } catch (IndexOutOfBoundsException expected) {
                        refused++;
                    }
                }
                if (refused != 9) {
                    throw new AssertionError("refused " + refused + " of 9");
                }
            }
        }

        /**
         * A thread holds a lock, then closes and drops its memory and takes another lock: the C library
         * writes into the first mutex (its list of held robust mutexes), which must still be mapped.
         */
        static void lockHeldWhileItsMemoryIsDropped(String name) throws Exception {
            // the second mapping exists first, so that it cannot land where the first one was
            try (PosixSharedMemory second = create(name, 4096)) {
                PosixSharedMemory.unlink(name);
                PosixSharedMemory first = create(name, 4096);
                RobustLock.initialize(first, 0).lock();
                first.close();
                first = null;
                for (int i = 0; i < 5; i++) {
                    System.gc();
                    Thread.sleep(20);
                }
                RobustLock lock = RobustLock.initialize(second, 0);
                for (int i = 0; i < 1000; i++) {
                    lock.lock();
                    lock.unlock();
                }
            }
        }

        /** Mappings opened and dropped in a loop: the Cleaner unmaps them, nothing is touched after. */
        static void manyMappingsClosedAndCollected(String name) throws Exception {
            ByteBuffer kept = null;
            for (int i = 0; i < 2000; i++) {
                try (PosixSharedMemory shm = create(name, 1 << 16)) {
                    ByteBuffer view = shm.buffer();
                    view.putInt(0, i);
                    if (i % 100 == 0) {
                        kept = view; // one view outlives its memory's close
                    }
                }
                PosixSharedMemory.unlink(name);
                if (i % 200 == 0) {
                    System.gc();
                }
                if (kept != null && kept.getInt(0) % 100 != 0) {
                    throw new AssertionError("a kept view lost its memory");
                }
            }
        }
    }
}
