package io.github.ipc4j.portable;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;

import java.util.Objects;

/**
 * The one portable name rule and how a name maps to each OS's namespace. A portable name is 1 to
 * {@link #MAX_LENGTH} characters from A-Z, a-z, 0-9, '-' and '_', starting with a letter or digit; it
 * holds no '.', so the suffixes below (one per type) keep the objects of different types apart on
 * Windows, where all kernel objects share one namespace, and the whole stays within macOS's 30 bytes.
 *
 * <pre>
 * type                Linux / macOS                         Windows
 * NamedSharedMemory   POSIX shm /NAME                       file mapping Local\NAME
 * NamedSemaphore      POSIX semaphore /NAME                 semaphore Local\NAME.sem
 * NamedLock           POSIX shm /NAME.lock (Linux),         mutex Local\NAME.lock
 *                     file $TMPDIR/ipc4j-USER/NAME.lock (macOS)
 * NamedMessageQueue   POSIX mq /NAME (Linux), or shm /NAME.mq, semaphores /NAME.mqf /NAME.mqu (free, used)
 * </pre>
 */
final class PortableNames {
    static final int MAX_LENGTH = 24;

    private PortableNames() {}

    /** Checks name against the rule; returns it. */
    static String check(String name, String type) {
        Objects.requireNonNull(name, type + " name must not be null");
        String rule = "portable names are 1 to " + MAX_LENGTH + " characters from A-Z, a-z, 0-9, '-' and '_', "
                + "starting with a letter or digit, e.g. \"orders\"";
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("invalid " + type + " name \"" + name + "\": " + name.length()
                    + " characters; " + rule);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!alnum && (i == 0 || c != '-' && c != '_')) {
                String shown = c < 0x20 ? String.format("U+%04X", (int) c) : "'" + c + "'";
                throw new IllegalArgumentException("invalid " + type + " name \"" + name.replaceAll("\\p{Cntrl}", "?")
                        + "\": " + shown + " at index " + i + "; " + rule);
            }
        }
        return name;
    }

    /** The OS object's name: "/" + name + suffix on Linux and macOS, "Local\" + name + suffix on Windows. */
    static String osName(String name, String suffix) {
        return windows() ? "Local\\" + name + suffix : "/" + name + suffix;
    }

    /**
     * A millisecond's pause while another process finishes making an object this one opens; an interrupt
     * ends the open (InterruptedIOException, the flag kept).
     */
    static void pause(String what) throws java.io.InterruptedIOException {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("opening " + what + " was interrupted while its creator "
                    + "finished making it");
        }
    }

    static boolean windows() {
        return Platform.os() == OperatingSystem.WINDOWS;
    }
}
