package io.github.ipc4j.windows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Windows object that was never closed and became unreachable is closed by the leak cleaner: a named
 * kernel object and a pipe server then disappear from the namespace (their last handle is gone, so
 * opening them by name fails), and the leak is logged naming them. Runs on the hosted Windows runner.
 */
@EnabledOnOs(OS.WINDOWS)
class WindowsLeakTest {
    private static final Logger LOG = Logger.getLogger("io.github.ipc4j");

    private interface Probe {
        boolean gone() throws Exception;
    }

    private static List<String> collectUntilGone(Probe probe) throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        LOG.addHandler(handler);
        try {
            for (int i = 0; i < 500 && !probe.gone(); i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertTrue(probe.gone(), "the leaked object was closed");
            for (int i = 0; i < 500 && messages.isEmpty(); i++) {
                Thread.sleep(20); // the log record follows the close, on the cleaner's thread
            }
            return messages;
        } finally {
            LOG.removeHandler(handler);
        }
    }

    @Test
    void aLeakedEventIsClosedAndReported() throws Exception {
        String name = "Local\\ipc4j-leak-" + UUID.randomUUID();
        WindowsEvent.open(name, WindowsEventOptions.options().createNew()); // dropped, never closed
        List<String> messages = collectUntilGone(() -> {
            try {
                WindowsEvent.open(name).close();
                return false;
            } catch (NoSuchFileException closedByTheCleaner) {
                return true;
            }
        });
        assertTrue(messages.stream().anyMatch(m -> m.contains(name) && m.contains("was never closed")),
                "the leak was logged naming the event: " + messages);
    }

    @Test
    void aLeakedPipeServerIsClosedAndReported() throws Exception {
        String name = "ipc4j-leak-" + UUID.randomUUID();
        WindowsNamedPipeServer.create(name); // dropped, never closed: its listening instance leaks
        List<String> messages = collectUntilGone(() -> NamedPipeEntry.list().stream()
                .noneMatch(e -> e.name().endsWith("\\" + name)));
        assertTrue(messages.stream().anyMatch(m -> m.contains(name) && m.contains("was never closed")),
                "the leak was logged naming the pipe: " + messages);
    }
}
