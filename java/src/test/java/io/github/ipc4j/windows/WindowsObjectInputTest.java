package io.github.ipc4j.windows;

import io.github.ipc4j.Access;
import io.github.ipc4j.internal.WindowsNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Windows shared memory, semaphore, mutex and event classes check in Java, before any native
 * call: testable on every OS.
 */
class WindowsObjectInputTest {
    private static void refused(String expectedInMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void kernelObjectNamesAreNameLocalOrGlobalWithNoBackslash() {
        refused("nothing after the namespace", () -> WindowsSemaphore.open("Local\\"));
        refused("nothing after the namespace", () -> WindowsMutex.open("Global\\"));
        refused("nothing after the namespace", () -> WindowsEvent.open(""));
        refused("contains '\\' (only Local\\ and Global\\ name a namespace)",
                () -> WindowsSharedMemory.open("Session\\1\\x"));
        refused("control character U+0001", () -> WindowsSemaphore.open("Local\\a\u0001"));
        refused("more than 260", () -> WindowsMutex.open("Local\\" + "m".repeat(255)));
        refused("Windows object names are NAME, Local\\NAME or Global\\NAME", () -> WindowsEvent.open("a\\b"));
        assertThrows(NullPointerException.class, () -> WindowsSemaphore.open(null));
        WindowsNames.kernelObject("orders", "x");
        WindowsNames.kernelObject("LOCAL\\orders", "x");
        WindowsNames.kernelObject("global\\orders", "x");
        WindowsNames.kernelObject("Local\\" + "m".repeat(254), "x");
    }

    @Test
    void optionsRefuseWhatWindowsWouldNotTake() {
        refused("initialPermits must be 0 or more", () -> WindowsSemaphoreOptions.options().initialPermits(-1));
        refused("maxPermits must be at least 1", () -> WindowsSemaphoreOptions.options().maxPermits(0));
        refused("initialPermits 5 is above maxPermits 2", () -> WindowsSemaphore.open("Local\\x",
                WindowsSemaphoreOptions.options().createNew().initialPermits(5).maxPermits(2)));
        refused("size must be at least 1 byte", () -> WindowsShmOptions.options().size(0));
        refused("needs a size", () -> WindowsSharedMemory.open("Local\\x", WindowsShmOptions.options().createNew()));
        refused("write-only", () -> WindowsShmOptions.options().access(Access.WRITE_ONLY));
        refused("sddl must be a non-empty SDDL string", () -> WindowsMutexOptions.options().sddl(""));
        assertThrows(NullPointerException.class, () -> WindowsEventOptions.options().sddl(null));
        WindowsEventOptions defaults = WindowsEventOptions.options();
        assertFalse(defaults.manualReset() || defaults.initiallySet() || defaults.ownerRequired());
        assertTrue(defaults.sddl().isEmpty(), "the default is the current user only, not an SDDL string");
        assertEquals(Integer.MAX_VALUE, WindowsSemaphoreOptions.options().maxPermits());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void elsewhereTheClassesNameTheOsAndTheMissingCall() {
        String os = System.getProperty("os.name");
        Executable[] calls = {
            () -> WindowsSharedMemory.open("Local\\ipc4j-test", WindowsShmOptions.options().openOrCreate().size(10)),
            () -> WindowsSemaphore.open("Local\\ipc4j-test"),
            () -> WindowsMutex.open("Local\\ipc4j-test"),
            () -> WindowsEvent.open("Local\\ipc4j-test"),
        };
        String[] missing = { "CreateFileMapping", "CreateSemaphore", "CreateMutex", "CreateEvent" };
        for (int i = 0; i < calls.length; i++) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, calls[i]);
            assertTrue(e.getMessage().contains(os) && e.getMessage().contains(missing[i]), e.getMessage());
        }
    }
}
