package io.github.ipc4j.sysv;

import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@EnabledOnOs({OS.LINUX, OS.MAC})
class IpcKeyTest {
    @TempDir
    Path dir;

    @Test
    void explicitKeysAreValuesPrintedAsIpcsPrintsThem() {
        IpcKey key = IpcKey.of(0x1e240);
        assertEquals(0x1e240, key.value());
        assertEquals("0x0001e240", key.toString());
        assertEquals(IpcKey.of(0x1e240), key);
        assertEquals(IpcKey.of(0x1e240).hashCode(), key.hashCode());
        assertNotEquals(IpcKey.of(0x1e241), key);
        assertEquals("0xffffffff", IpcKey.of(-1).toString());
        assertFalse(key.isPrivate());
        assertSame(IpcKey.PRIVATE, IpcKey.of(0));
        assertTrue(IpcKey.PRIVATE.isPrivate());
        assertEquals("0x00000000", IpcKey.PRIVATE.toString());
    }

    @Test
    void ftokIsStableAndMadeOfProjectDeviceAndInode() throws Exception {
        Path file = Files.createFile(dir.resolve("key-file"));
        IpcKey a = IpcKey.ftok(file, 'A');
        assertEquals(a, IpcKey.ftok(file, 'A'));
        assertEquals(a, IpcKey.ftok(dir.resolve("x/../key-file").normalize(), 'A'));
        assertNotEquals(a, IpcKey.ftok(file, 'B'));
        assertEquals('A', a.value() >>> 24, "the project id is the key's top byte");
        if (OS.LINUX.isCurrentOs()) {
            // glibc's formula, from what the JDK reads of the file: the low bits of device and inode only
            long ino = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            long dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
            assertEquals(('A' << 24) | (int) ((dev & 0xff) << 16) | (int) (ino & 0xffff), a.value());
        }
    }

    @Test
    void ftokOfAMissingPathNamesIt() {
        Path missing = dir.resolve("no-such-file");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IpcKey.ftok(missing, 1));
        assertEquals(missing.toString(), e.getFile());
        assertTrue(e.getMessage().contains("ftok"), e.getMessage());
    }

    @Test
    void ftokTakesEveryProjectIdCsFtokTakesAndGivesCsKey() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        int[] ids = {1, 'A', 255, 0x101, 0x1ff, -1, -255, 0, 256, Integer.MIN_VALUE, Integer.MAX_VALUE};
        // C's ftok, in another process that uses only the C library (native/test/unix/sysv_lock_peer.c)
        List<String> command = new ArrayList<>(List.of(ChildJvm.nativePeer("sysv_lock_peer"), "ftok", file.toString()));
        for (int id : ids) {
            command.add(String.valueOf(id));
        }
        try (ChildJvm peer = ChildJvm.startProgram(command)) {
            peer.assertSuccess(60);
            String[] keys = peer.output().trim().split("\\R");
            assertEquals(ids.length, keys.length, peer.output());
            for (int i = 0; i < ids.length; i++) {
                assertEquals(Integer.parseInt(keys[i]), IpcKey.ftok(file, ids[i]).value(),
                        "ftok(" + file + ", " + ids[i] + ") as C makes it");
            }
        }
        // only the low 8 bits count
        assertEquals(IpcKey.ftok(file, 1), IpcKey.ftok(file, 0x101));
        assertEquals(IpcKey.ftok(file, 1), IpcKey.ftok(file, -255));
        assertEquals(IpcKey.ftok(file, 0), IpcKey.ftok(file, 256));
        assertEquals(255, IpcKey.ftok(file, 255).value() >>> 24);
        assertThrows(NullPointerException.class, () -> IpcKey.ftok(null, 1));
    }
}
