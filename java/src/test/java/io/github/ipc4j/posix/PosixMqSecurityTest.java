package io.github.ipc4j.posix;

import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Secure defaults: 0600 whatever the umask, and openers that refuse objects they should not trust. */
@EnabledOnOs(OS.LINUX)
class PosixMqSecurityTest {
    private final PosixQueues queues = new PosixQueues();

    @AfterEach
    void removeQueues() throws Exception {
        queues.close();
    }

    /** Creates the queue args[0] (mode args[1] in octal, or the default when absent) and exits. */
    public static final class Creator {
        public static void main(String[] args) throws Exception {
            PosixMqOptions options = PosixMqOptions.options().createNew();
            if (args.length > 1) {
                options.mode(Integer.parseInt(args[1], 8));
            }
            PosixMessageQueue.open(args[0], options).close();
        }
    }

    private static Path mqueueFile(String name) {
        Path mount = PosixQueues.mqueueMount();
        assumeTrue(mount != null, "the mqueue filesystem is not mounted and cannot be mounted here");
        return mount.resolve(name.substring(1));
    }

    @Test
    void aQueueCreatedUnderUmask000IsStill0600() throws Exception {
        String name = queues.name();
        try (ChildJvm creator = ChildJvm.start(List.of("sh", "-c", "umask 000; exec \"$0\" \"$@\""), List.of(),
                Creator.class, name)) {
            creator.assertSuccess(60);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(mqueueFile(name), LinkOption.NOFOLLOW_LINKS)));
        // and the library's own check agrees, without the filesystem
        PosixMessageQueue.open(name, PosixMqOptions.options().requireOwner().maxMode(0600)).close();
    }

    @Test
    void aRequestedModeIsAppliedExactlyWhateverTheUmask() throws Exception {
        String name = queues.name();
        try (ChildJvm creator = ChildJvm.start(List.of("sh", "-c", "umask 077; exec \"$0\" \"$@\""), List.of(),
                Creator.class, name, "644")) {
            creator.assertSuccess(60);
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(mqueueFile(name), LinkOption.NOFOLLOW_LINKS)));
    }

    @Test
    void aWiderModeIsRefusedWhenTheOpenerAsks() throws Exception {
        String name = queues.name();
        PosixMessageQueue.open(name, PosixMqOptions.options().createNew().mode(0666)).close();
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> PosixMessageQueue.open(name, PosixMqOptions.options().maxMode(0600)));
        assertEquals(name, e.getFile());
        assertTrue(e.getMessage().contains(
                "refused: mode 0666 grants more than the allowed 0600 (extra bits 066; maxMode was asked)"),
                e.getMessage());
        PosixMessageQueue.open(name).close(); // accepted when the opener does not ask
        PosixMessageQueue.open(name, PosixMqOptions.options().maxMode(0666)).close();
    }

    @Test
    void anotherUsersQueueIsRefusedWhenTheOpenerAsks() throws Exception {
        assumeTrue(PosixQueues.isRoot(), "giving a queue to another user needs root");
        String name = queues.name();
        PosixMessageQueue.open(name, PosixMqOptions.options().createNew()).close();
        Path file = mqueueFile(name);
        Process chown = new ProcessBuilder("chown", "65534", file.toString()).inheritIO().start();
        assertEquals(0, chown.waitFor());
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> PosixMessageQueue.open(name, PosixMqOptions.options().requireOwner()));
        assertTrue(e.getMessage().contains("refused: owned by uid 65534, not by this process's effective uid 0"),
                e.getMessage());
        PosixMessageQueue.open(name).close(); // root may open it when it does not ask
    }

    @Test
    void aRefusedCreateLeavesNothingBehind() throws Exception {
        String name = queues.name();
        // created 0644 but the same opener allows at most 0600: refused, and the queue it made is removed
        assertThrows(AccessDeniedException.class,
                () -> PosixMessageQueue.open(name, PosixMqOptions.options().createNew().mode(0644).maxMode(0600)));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> PosixMessageQueue.open(name));
        assertFalse(PosixQueues.mqueueMount() != null && Files.exists(mqueueFile(name)));
    }
}
