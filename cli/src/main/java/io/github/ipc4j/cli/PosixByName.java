package io.github.ipc4j.cli;

import io.github.ipc4j.Access;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * POSIX shared memory objects and named semaphores found by the name given on the command line, on a system that
 * cannot list them (macOS: no /dev/shm, and no system call enumerates them): the name is opened, read-only, and
 * the row holds what the open object tells. Shared memory: owner, mode and size (fstat). A named semaphore: that it
 * exists, and its value where the system can read it (macOS cannot: sem_getvalue is a stub there); its owner no
 * call tells, so the row says why it is unknown ({@link Listed#OWNER_UNKNOWN}) and rm asks before removing it.
 */
final class PosixByName {
    /** Why a named semaphore's owner is unknown where its objects are found by name. */
    static final String SEMAPHORE_OWNER = "sem_open gives no descriptor to fstat and the system keeps no file for "
            + "it, so no call tells a named semaphore's owner or mode";

    private PosixByName() {}

    /** The objects called name, of kind ("shm", "sem"; null: either); none when nothing answers to it. */
    static List<Listed> find(String name, String kind) {
        List<Listed> found = new ArrayList<>();
        if (kind == null || kind.equals("shm")) {
            open(Listed.POSIX_SHM, name, "shm_open", PosixByName::sharedMemory, found);
        }
        if (kind == null || kind.equals("sem")) {
            open(Listed.POSIX_SEM, name, "sem_open", PosixByName::semaphore, found);
        }
        return found;
    }

    /** Why nothing was found for text (naming name, of kind; null: either), saying what was tried. */
    static String missing(String text, String name, String kind) {
        if (kind == null) {
            return text + ": no POSIX shared memory object or named semaphore " + name
                    + " (shm_open and sem_open found neither)";
        }
        switch (kind) {
            case "shm":
                return text + ": no POSIX shared memory object " + name + " (shm_open found none)";
            case "sem":
                return text + ": no named semaphore " + name + " (sem_open found none)";
            default:
                return text + ": " + OsSupport.name(OsSupport.current()) + " has no POSIX message queues";
        }
    }

    /** Opens one kind of object by name: a row, or an IOException (NoSuchFileException: no such object). */
    private interface Opener {
        Listed open(String name) throws IOException;
    }

    /** Adds the object opener finds, a row telling only that it exists when call was refused, or nothing. */
    private static void open(String type, String name, String call, Opener opener, List<Listed> found) {
        try {
            found.add(opener.open(name));
        } catch (NoSuchFileException e) {
            // not this kind of object
        } catch (AccessDeniedException e) {
            found.add(refused(type, name, call, e));
        } catch (IOException e) {
            throw CliException.failure(name + ": " + call + ": " + e.getMessage());
        }
    }

    private static Listed sharedMemory(String name) throws IOException {
        try (PosixSharedMemory m = PosixSharedMemory.open(name, PosixShmOptions.options().access(Access.READ_ONLY))) {
            Listed l = new Listed(Listed.POSIX_SHM, name, 0, -1, m.ownerUid(), -1, m.mode());
            l.size = m.size();
            return l;
        }
    }

    private static Listed semaphore(String name) throws IOException {
        try (PosixSemaphore s = PosixSemaphore.open(name)) {
            Listed l = new Listed(Listed.POSIX_SEM, name, 0, -1, -1, -1, -1);
            l.details.put(Listed.OWNER_UNKNOWN, SEMAPHORE_OWNER);
            try {
                l.count = s.availablePermits();
            } catch (UnsupportedOperationException e) {
                l.details.put("value", "unknown: " + e.getMessage());
            }
            return l;
        }
    }

    /** An object that exists (the open was refused, not told "no such name") but tells nothing more. */
    private static Listed refused(String type, String name, String call, AccessDeniedException e) {
        Listed l = new Listed(type, name, 0, -1, -1, -1, -1);
        l.details.put(Listed.OWNER_UNKNOWN, call + " was refused (" + (e.getReason() == null ? "permission denied"
                : e.getReason()) + "): the object exists but this user may not open it");
        return l;
    }
}
