package io.github.ipc4j.channel;

import io.github.ipc4j.ChannelOptions;
import io.github.ipc4j.SharedMemoryChannel;
import io.github.ipc4j.internal.ChannelLayout;
import io.github.ipc4j.internal.NamedWakeWaiter;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The channel's choice of kernel wait ({@value SharedMemoryChannel#WAITER_PROPERTY}): the creator's choice is
 * written into the header and every opener follows it; the named-semaphore wait (macOS before 14.4) wakes a
 * sleeper in another process, and removing the channel removes its semaphores. (The whole channel suite runs
 * a second time with every channel on semaphores: the channel-semaphore-waiter execution in java/pom.xml.)
 */
@EnabledOnOs(OS.LINUX) // the semaphores are checked as files in /dev/shm
class SharedMemoryChannelWaiterTest {
    private final PosixNames names = new PosixNames(SharedMemoryChannel::unlink);

    @AfterEach
    void cleanUp() throws Exception {
        names.close();
    }

    private static <T> T withWaiter(String waiter, Creation<T> creation) throws Exception {
        String before = System.getProperty(SharedMemoryChannel.WAITER_PROPERTY);
        System.setProperty(SharedMemoryChannel.WAITER_PROPERTY, waiter);
        try {
            return creation.create();
        } finally {
            if (before == null) {
                System.clearProperty(SharedMemoryChannel.WAITER_PROPERTY);
            } else {
                System.setProperty(SharedMemoryChannel.WAITER_PROPERTY, before);
            }
        }
    }

    private interface Creation<T> {
        T create() throws Exception;
    }

    private static int waiterKind(String name) throws Exception {
        try (PosixSharedMemory shm = PosixSharedMemory.open(name, PosixShmOptions.options())) {
            return shm.buffer(0, ChannelLayout.DATA).getInt(ChannelLayout.WAITER_AT);
        }
    }

    private static long waiterId(String name) throws Exception {
        try (PosixSharedMemory shm = PosixSharedMemory.open(name, PosixShmOptions.options())) {
            return shm.buffer(0, ChannelLayout.DATA).getLong(ChannelLayout.WAITER_ID_AT);
        }
    }

    private static Path semaphoreFile(long id, boolean receiver) {
        return Path.of("/dev/shm/sem." + NamedWakeWaiter.objectName(id, receiver).substring(1));
    }

    @Test
    void aSleepingReceiverIsWokenThroughItsSemaphoreByASenderInAnotherProcessAndUnlinkRemovesThem()
            throws Exception {
        String name = names.name();
        try (SharedMemoryChannel in = withWaiter("semaphore", () -> SharedMemoryChannel.open(name,
                ChannelOptions.options().createNew().receiver().capacity(1 << 14).spin(Duration.ZERO)))) {
            assertEquals(ChannelLayout.WAITER_SEMAPHORES, waiterKind(name));
            long id = waiterId(name);
            assertNotEquals(0, id);
            assertTrue(Files.exists(semaphoreFile(id, true)), "the receiver's semaphore");
            assertTrue(Files.exists(semaphoreFile(id, false)), "the sender's semaphore");
            // the child opens the existing channel with no property set: it follows the header
            try (ChildJvm child = ChildJvm.start(ChannelPeer.class, "send", name, "5", "200")) {
                int max = in.maxMessageSize();
                ByteBuffer got = ByteBuffer.allocateDirect(max);
                ByteBuffer expected = ByteBuffer.allocateDirect(max);
                for (long seq = 0; seq < 200; seq++) {
                    // no spin, and the child JVM takes far longer than a slice to start: this sleeps
                    if (in.poll(got.clear(), Duration.ofSeconds(60)) < 0) {
                        fail("message " + seq + " did not come; child:\n" + child.output());
                    }
                    ChannelMessages.verify(got, expected, 5, seq, max);
                }
                child.assertSuccess(60);
            }
            SharedMemoryChannel.unlink(name);
            assertFalse(Files.exists(semaphoreFile(id, true)), "unlink removed the receiver's semaphore");
            assertFalse(Files.exists(semaphoreFile(id, false)), "unlink removed the sender's semaphore");
        }
    }

    @Test
    void anOpenerFollowsTheHeaderNotItsOwnProperty() throws Exception {
        String name = names.name();
        try (SharedMemoryChannel out = withWaiter("address", () -> SharedMemoryChannel.open(name,
                ChannelOptions.options().createNew().sender().capacity(4096)));
             SharedMemoryChannel in = withWaiter("semaphore", () -> SharedMemoryChannel.open(name,
                     ChannelOptions.options().receiver()))) {
            assertEquals(ChannelLayout.WAITER_ADDRESS, waiterKind(name));
            assertEquals(0, waiterId(name));
            assertTrue(out.offer(ByteBuffer.allocate(3)));
            assertEquals(3, in.poll(ByteBuffer.allocate(8), Duration.ofSeconds(5)));
        }
    }

    @Test
    void theWaitObjectsAreNamedAsTheCSideNamesThem() {
        // native/test/windows/win_channel_test.c checks the same names from C (win_channel.c)
        assertEquals("Local\\ipc4jchwake.00000000000000ff.r", NamedWakeWaiter.eventName(0xff, true));
        assertEquals("Local\\ipc4jchwake.8000000000000001.s", NamedWakeWaiter.eventName(0x8000000000000001L, false));
        assertEquals("/ipc4jch.00000000000000ff.r", NamedWakeWaiter.objectName(0xff, true));
    }

    @Test
    void anUnknownWaiterIsRefusedNamingTheProperty() throws Exception {
        String name = names.name();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withWaiter("spin",
                () -> SharedMemoryChannel.open(name, ChannelOptions.options().createNew().sender())));
        assertTrue(e.getMessage().contains(SharedMemoryChannel.WAITER_PROPERTY), e.getMessage());
        assertFalse(Files.exists(Path.of("/dev/shm" + name)), "nothing left behind");
    }
}
