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
            sharedMemory(name, found);
        }
        if (kind == null || kind.equals("sem")) {
            semaphore(name, found);
        }
        return found;
    }

    /** Why nothing was found for text (naming posixName of kind), saying what was tried. */
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

    private static void sharedMemory(String name, List<Listed> found) {
        try (PosixSharedMemory m = PosixSharedMemory.open(name, PosixShmOptions.options().access(Access.READ_ONLY))) {
            Listed l = new Listed(Listed.POSIX_SHM, name, 0, -1, m.ownerUid(), -1, m.mode());
            l.size = m.size();
            found.add(l);
        } catch (NoSuchFileException e) {
            // not a shared memory object
        } catch (AccessDeniedException e) {
            found.add(refused(Listed.POSIX_SHM, name, "shm_open", e));
        } catch (IOException e) {
            throw CliException.failure(name + ": shm_open: " + e.getMessage());
        }
    }

    private static void semaphore(String name, List<Listed> found) {
        try (PosixSemaphore s = PosixSemaphore.open(name)) {
            Listed l = new Listed(Listed.POSIX_SEM, name, 0, -1, -1, -1, -1);
            l.details.put(Listed.OWNER_UNKNOWN, SEMAPHORE_OWNER);
            try {
                l.count = s.availablePermits();
            } catch (UnsupportedOperationException e) {
                l.details.put("value", "unknown: " + e.getMessage());
            }
            found.add(l);
        } catch (NoSuchFileException e) {
            // not a named semaphore
        } catch (AccessDeniedException e) {
            found.add(refused(Listed.POSIX_SEM, name, "sem_open", e));
        } catch (IOException e) {
            throw CliException.failure(name + ": sem_open: " + e.getMessage());
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
