package io.github.ipc4j.posix;

import io.github.ipc4j.Access;
import io.github.ipc4j.IpcClosedException;
import io.github.ipc4j.IpcException;
import io.github.ipc4j.testing.AttackedMain;
import io.github.ipc4j.testing.PosixNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@EnabledOnOs({OS.LINUX, OS.MAC})
class PosixSharedMemoryTest {
    private final PosixNames names = new PosixNames(PosixSharedMemory::unlink);

    @AfterEach
    void removeObjects() throws Exception {
        names.close();
    }

    private PosixSharedMemory create(long size) throws Exception {
        return PosixSharedMemory.open(names.name(), PosixShmOptions.options().createNew().size(size));
    }

    /** Owner and mode come from fstat on the descriptor (macOS has no /dev/shm file to read them from). */
    @Test
    void ownerAndModeAreReadFromTheOpenObject() throws Exception {
        Path mine = Files.createTempFile("ipc4j-owner", null);
        try (PosixSharedMemory created = PosixSharedMemory.open(names.name(),
                PosixShmOptions.options().createNew().size(64).mode(0640));
             PosixSharedMemory reader = PosixSharedMemory.open(created.name(),
                     PosixShmOptions.options().access(Access.READ_ONLY))) {
            long me = ((Number) Files.getAttribute(mine, "unix:uid")).longValue();
            assertEquals(me, reader.ownerUid());
            assertEquals(0640, reader.mode());
            Path file = Paths.get("/dev/shm" + created.name());
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                assertEquals(0600, reader.mode(), "read now, not at open");
            }
            reader.close();
            assertThrows(IpcClosedException.class, reader::ownerUid);
            assertThrows(IpcClosedException.class, reader::mode);
        } finally {
            Files.delete(mine);
        }
    }

    @Test
    void twoMappingsSeeTheSameBytesAndAtomics() throws Exception {
        try (PosixSharedMemory a = create(4096);
             PosixSharedMemory b = PosixSharedMemory.open(a.name())) {
            assertTrue(a.created());
            assertFalse(b.created());
            assertEquals(4096, b.size());
            ByteBuffer view = a.buffer();
            assertEquals(ByteOrder.nativeOrder(), view.order());
            assertTrue(view.isDirect());
            view.put(100, (byte) 42);
            assertEquals(42, b.buffer(100, 1).get(0));

            a.setLongVolatile(8, 5);
            assertEquals(5, b.getAndAddLong(8, 10));
            assertEquals(15, a.getLongVolatile(8));
            assertTrue(b.compareAndSetLong(8, 15, 99));
            assertFalse(b.compareAndSetLong(8, 15, 0));
            a.setIntVolatile(4, -7);
            assertEquals(-7, b.getAndAddInt(4, 7));
            assertEquals(0, a.getIntVolatile(4));
            assertTrue(a.compareAndSetInt(4, 0, 1));
            assertEquals(1, b.buffer().getInt(4), "views and atomics agree, in native order");
        }
    }

    @Test
    void openModesExactModeAndUnlink() throws Exception {
        String name = names.name();
        assertThrows(NoSuchFileException.class, () -> PosixSharedMemory.open(name));
        try (PosixSharedMemory created = PosixSharedMemory.open(name,
                PosixShmOptions.options().createNew().size(100).mode(0640))) {
            assertThrows(FileAlreadyExistsException.class, () -> PosixSharedMemory.open(name,
                    PosixShmOptions.options().createNew().size(100)));
            try (PosixSharedMemory again = PosixSharedMemory.open(name,
                    PosixShmOptions.options().openOrCreate().size(50))) {
                assertFalse(again.created());
                assertEquals(100, again.size(), "the existing size stands");
            }
            Path file = Paths.get("/dev/shm" + name);
            if (Files.exists(file)) {
                assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            }
        }
        PosixSharedMemory.unlink(name);
        assertThrows(NoSuchFileException.class, () -> PosixSharedMemory.unlink(name));
    }

    @Test
    void readOnlyMappingsHandOutReadOnlyViewsAndRefuseWrites() throws Exception {
        try (PosixSharedMemory rw = create(64);
             PosixSharedMemory ro = PosixSharedMemory.open(rw.name(),
                     PosixShmOptions.options().access(Access.READ_ONLY))) {
            rw.setLongVolatile(0, 1234);
            assertFalse(ro.isWritable());
            assertTrue(ro.buffer().isReadOnly());
            assertTrue(ro.buffer(8, 8).isReadOnly());
            assertEquals(1234, ro.getLongVolatile(0));
            assertThrows(ReadOnlyBufferException.class, () -> ro.buffer().put(0, (byte) 1));
            assertThrows(ReadOnlyBufferException.class, () -> ro.setLongVolatile(0, 1));
            assertThrows(ReadOnlyBufferException.class, () -> ro.getAndAddInt(0, 1));
            assertThrows(ReadOnlyBufferException.class, () -> ro.compareAndSetLong(0, 1234, 1));
            assertThrows(ReadOnlyBufferException.class, () -> ro.grow(128));
            assertEquals(1234, rw.getLongVolatile(0));
        }
        assertThrows(IllegalArgumentException.class, () -> PosixShmOptions.options().access(Access.WRITE_ONLY));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void growKeepsTheDataAndOldViewsKeepTheirSize() throws Exception {
        try (PosixSharedMemory shm = create(4096);
             PosixSharedMemory peer = PosixSharedMemory.open(shm.name())) {
            ByteBuffer old = shm.buffer();
            old.putLong(0, 77);
            shm.grow(1 << 20);
            assertEquals(1 << 20, shm.size());
            assertEquals(77, shm.getLongVolatile(0));
            shm.setLongVolatile((1 << 20) - 8, 5);
            assertEquals(4096, old.capacity());
            assertEquals(77, old.getLong(0));
            assertEquals(4096, peer.size(), "a peer's mapping keeps its size until it reopens");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shm.grow(4096 - 1));
            assertTrue(e.getMessage().contains("at least the current"), e.getMessage());
            shm.grow(1 << 20); // same size: nothing to do
        }
    }

    @Test
    void readingPastTheSizeIsAJavaException() throws Exception {
        try (PosixSharedMemory shm = create(100)) {
            ByteBuffer view = shm.buffer();
            assertEquals(100, view.capacity());
            assertThrows(IndexOutOfBoundsException.class, () -> view.get(100));
            view.position(96);
            assertThrows(BufferUnderflowException.class, view::getLong);
            assertThrows(IndexOutOfBoundsException.class, () -> shm.buffer(96, 8));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.buffer(-1, 8));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.buffer(0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.buffer(Long.MAX_VALUE, 8));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.getLongVolatile(96));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.getIntVolatile(100));
            assertThrows(IndexOutOfBoundsException.class, () -> shm.getIntVolatile(-4));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shm.getLongVolatile(4));
            assertTrue(e.getMessage().contains("multiple of 8"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> shm.getAndAddInt(2, 1));
        }
    }

    @Test
    void closeStopsNewAccessButLiveViewsStayMapped() throws Exception {
        PosixSharedMemory shm = create(4096);
        ByteBuffer view = shm.buffer();
        ByteBuffer slice = shm.buffer(1024, 16).slice(4, 8).order(ByteOrder.nativeOrder()); // a slice starts big-endian
        shm.close();
        shm.close(); // idempotent
        assertTrue(shm.isClosed());
        assertThrows(IllegalStateException.class, shm::buffer);
        assertThrows(IllegalStateException.class, () -> shm.getLongVolatile(0));
        assertThrows(IllegalStateException.class, () -> shm.setIntVolatile(0, 1));
        assertThrows(IllegalStateException.class, shm::size);
        assertThrows(IllegalStateException.class, () -> shm.grow(8192));
        for (int i = 0; i < 5; i++) {
            System.gc();
            view.putLong(0, i);
            slice.putLong(0, i);
            assertEquals(i, view.getLong(0));
            assertEquals(i, view.getLong(1028));
        }
        try (PosixSharedMemory reopened = PosixSharedMemory.open(shm.name())) {
            assertEquals(4, reopened.getLongVolatile(0));
        }
    }

    @Test
    void badSizesAreClearAtCreationAndLeaveNothingBehind() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> PosixShmOptions.options().size(0));
        assertThrows(IllegalArgumentException.class, () -> PosixShmOptions.options().size(-1));
        String name = names.name();
        IllegalArgumentException noSize = assertThrows(IllegalArgumentException.class,
                () -> PosixSharedMemory.open(name, PosixShmOptions.options().createNew()));
        assertTrue(noSize.getMessage().contains("needs a size"), noSize.getMessage());
        IpcException tooBig = assertThrows(IpcException.class, () -> PosixSharedMemory.open(name,
                PosixShmOptions.options().createNew().size(1L << 50)));
        assertTrue(tooBig.limit() != null && tooBig.limit().contains("/dev/shm"), tooBig.getMessage());
        assertThrows(NoSuchFileException.class, () -> PosixSharedMemory.open(name), "nothing left behind");
    }

    /**
     * A size past the process's RLIMIT_FSIZE (EFBIG; SIGXFSZ, which the JVM ignores) names that limit, not the
     * size of /dev/shm (ENOSPC), for every object sized as a file: a created or grown POSIX object, a channel,
     * a sealed object. Nothing is left behind. The child prints one line per attempt.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aSizePastRlimitFsizeNamesThatLimit() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/bin/prlimit")),
                "needs prlimit (util-linux)");
        String name = names.name();
        try (io.github.ipc4j.testing.ChildJvm child = io.github.ipc4j.testing.ChildJvm.start(
                java.util.List.of("/usr/bin/prlimit", "--fsize=" + (4 << 20), "--"), java.util.List.of(),
                FileSizeLimitChild.class, name)) {
            assertEquals(0, child.waitFor(60), child.output());
            String out = child.output();
            for (String attempt : new String[] {"create", "grow", "channel", "sealed"}) {
                assertTrue(out.contains(attempt + ": IpcException EFBIG, limit RLIMIT_FSIZE (ulimit -f)"), out);
            }
        }
        assertThrows(NoSuchFileException.class, () -> PosixSharedMemory.open(name), "nothing left behind");
        assertThrows(NoSuchFileException.class, () -> PosixSharedMemory.open(name + "c"), "nothing left behind");
    }

    /** Child of {@link #aSizePastRlimitFsizeNamesThatLimit}: run under an RLIMIT_FSIZE of 4 MiB. */
    public static final class FileSizeLimitChild {
        public static void main(String[] args) {
            AttackedMain.exit(() -> {
                long size = 16 << 20;
                attempt("create", () -> PosixSharedMemory.open(args[0], PosixShmOptions.options().createNew()
                        .size(size)).close());
                try (PosixSharedMemory small = PosixSharedMemory.open(args[0], PosixShmOptions.options()
                        .createNew().size(4096))) {
                    attempt("grow", () -> small.grow(size));
                    small.unlink();
                }
                attempt("channel", () -> io.github.ipc4j.SharedMemoryChannel.open(args[0] + "c",
                        io.github.ipc4j.ChannelOptions.options().createNew().sender().capacity((int) size)).close());
                attempt("sealed", () -> io.github.ipc4j.sealed.SealedSharedMemory.create(
                        io.github.ipc4j.sealed.SealedShmOptions.options().size(size)).close());
            });
        }

        private static void attempt(String what, AttackedMain.Body body) throws Exception {
            try {
                body.run();
                System.out.println(what + ": no exception");
            } catch (IpcException e) {
                System.out.println(what + ": IpcException " + e.errnoName() + ", limit " + e.limit() + " ("
                        + e.getMessage() + ")");
            }
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anEmptyObjectUnderTheNameIsSizeZeroOrRefusedWhenASizeIsExpected() throws Exception {
        String name = names.name();
        Path file = Paths.get("/dev/shm" + name);
        Files.createFile(file);
        IpcException e = assertThrows(IpcException.class, () -> PosixSharedMemory.open(name,
                PosixShmOptions.options().openOrCreate().size(4096)));
        assertTrue(e.getMessage().contains("exists with 0 bytes"), e.getMessage());
        try (PosixSharedMemory empty = PosixSharedMemory.open(name)) {
            assertEquals(0, empty.size());
            assertEquals(0, empty.buffer().capacity());
            assertThrows(IndexOutOfBoundsException.class, () -> empty.getIntVolatile(0));
            assertThrows(IndexOutOfBoundsException.class, () -> empty.buffer(0, 1));
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anOpenerCanRefuseAWideMode() throws Exception {
        try (PosixSharedMemory wide = PosixSharedMemory.open(names.name(),
                PosixShmOptions.options().createNew().size(64).mode(0644))) {
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> PosixSharedMemory.open(
                    wide.name(), PosixShmOptions.options().maxMode(0600)));
            assertTrue(e.getMessage().contains("0644"), e.getMessage());
            try (PosixSharedMemory mine = PosixSharedMemory.open(wide.name(),
                    PosixShmOptions.options().requireOwner().maxMode(0644))) {
                assertEquals(64, mine.size());
            }
        }
    }

    @Test
    void badNamesAreRefusedWithTheRule() {
        for (String bad : new String[] {"", "/", "x", "/a/b", "/..", "/" + "y".repeat(256)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PosixSharedMemory.open(bad));
            assertTrue(e.getMessage().contains("names are '/'"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> PosixSharedMemory.open("/x", null));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void useAfterCloseOfTheDescriptorIsAClosedException() throws Exception {
        PosixSharedMemory shm = create(256);
        io.github.ipc4j.RobustLock lock = io.github.ipc4j.RobustLock.initialize(shm, 0);
        shm.close();
        assertThrows(IpcClosedException.class, lock::tryLock);
        assertThrows(IpcClosedException.class, lock::unlock);
    }
}
