package io.github.ipc4j.windows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listing \\.\pipe\: the packed form the native side returns, and the listing itself on Windows. */
class NamedPipeEntryTest {
    private static void entry(ByteArrayOutputStream out, int instances, String name) {
        out.write(instances >>> 24);
        out.write(instances >>> 16);
        out.write(instances >>> 8);
        out.write(instances);
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        out.write(0);
    }

    @Test
    void thePackedListingReadsBackAsEntries() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, 3, "orders");
        entry(out, -1, "Winsock2\\CatalogChangeListener-5f4-0");
        entry(out, 255, "\u00e9t\u00e9-\u20ac");
        byte[] packed = out.toByteArray();
        List<NamedPipeEntry> entries = NamedPipeEntry.parse(packed, packed.length);
        assertEquals(3, entries.size());
        assertEquals("\\\\.\\pipe\\orders", entries.get(0).name());
        assertEquals(OptionalInt.of(3), entries.get(0).instances());
        assertEquals("\\\\.\\pipe\\Winsock2\\CatalogChangeListener-5f4-0", entries.get(1).name());
        assertEquals(OptionalInt.empty(), entries.get(1).instances());
        assertEquals("\\\\.\\pipe\\\u00e9t\u00e9-\u20ac", entries.get(2).name());
        assertEquals(OptionalInt.of(255), entries.get(2).instances());
        assertEquals(List.of(), NamedPipeEntry.parse(new byte[16], 0));
        // the buffer beyond the length returned is not read
        assertEquals(1, NamedPipeEntry.parse(java.util.Arrays.copyOf(packed, packed.length + 100),
                4 + "orders".length() + 1).size());
    }

    @Test
    void aTruncatedListingIsRefusedNotMisread() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        entry(out, 1, "orders");
        byte[] packed = out.toByteArray();
        assertThrows(IllegalStateException.class, () -> NamedPipeEntry.parse(packed, packed.length - 1));
        assertThrows(IllegalStateException.class, () -> NamedPipeEntry.parse(packed, 3));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void elsewhereListingSaysWhatIsMissing() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                WindowsNamedPipe::list);
        assertTrue(e.getMessage().contains("named pipe (Windows)"), e.getMessage());
    }

    @Test
    @EnabledOnOs(OS.WINDOWS)
    void theListingFindsOurPipeWithItsInstances() throws Exception {
        String name = "\\\\.\\pipe\\ipc4j-test-list-" + UUID.randomUUID();
        try (WindowsNamedPipeServer server = WindowsNamedPipeServer.create(name)) {
            NamedPipeEntry found = WindowsNamedPipe.list().stream().filter(p -> p.name().equalsIgnoreCase(name))
                    .findFirst().orElseThrow(() -> new AssertionError(name + " not listed"));
            assertTrue(found.instances().orElse(0) >= 1, found.toString());
        }
        assertTrue(WindowsNamedPipe.list().stream().noneMatch(p -> p.name().equalsIgnoreCase(name)),
                "closed pipe still listed");
    }
}
