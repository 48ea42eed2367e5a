package io.github.ipc4j.sysv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
    void ftokRefusesProjectIdsOutside1To255AndNull() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        for (int bad : new int[] {0, -1, 256, 0x141}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpcKey.ftok(file, bad));
            assertTrue(e.getMessage().contains("1 to 255") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        assertEquals(255, IpcKey.ftok(file, 255).value() >>> 24);
        assertThrows(NullPointerException.class, () -> IpcKey.ftok(null, 1));
    }
}
