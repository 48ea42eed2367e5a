package io.github.ipc4j;

import io.github.ipc4j.internal.NativeCommon;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import static io.github.ipc4j.OperatingSystem.LINUX;
import static io.github.ipc4j.OperatingSystem.MACOS;
import static io.github.ipc4j.OperatingSystem.WINDOWS;

/**
 * What an OS may or may not have, and on which OS ipc4j expects it: the one source of truth for
 * {@link Platform#supports(Feature)} (which asks the loaded library, built with CMake's feature
 * checks), for the README's platform table (FeatureTable) and for the test that the two agree.
 */
public enum Feature {
    /** POSIX message queue ({@code mq_open}). */
    POSIX_MESSAGE_QUEUE("POSIX message queue", "mq_open", NativeCommon.CAP_POSIX_MQ, LINUX),
    /** POSIX message queue arrival notification ({@code mq_notify}). */
    POSIX_MESSAGE_QUEUE_NOTIFY("POSIX message queue arrival notification", "mq_notify",
            NativeCommon.CAP_MQ_NOTIFY, LINUX),
    /** POSIX named semaphore ({@code sem_open}). */
    POSIX_SEMAPHORE("POSIX named semaphore", "sem_open", NativeCommon.CAP_POSIX_SEM, LINUX, MACOS),
    /** POSIX semaphore timed wait ({@code sem_timedwait}). */
    POSIX_SEMAPHORE_TIMED_WAIT("POSIX semaphore timed wait", "sem_timedwait", NativeCommon.CAP_SEM_TIMEDWAIT,
            LINUX),
    /** POSIX shared memory ({@code shm_open}). */
    POSIX_SHARED_MEMORY("POSIX shared memory", "shm_open", NativeCommon.CAP_POSIX_SHM, LINUX, MACOS),
    /** Sealed shared memory (no peer can shrink it) ({@code memfd_create}). */
    SEALED_SHARED_MEMORY("sealed shared memory (no peer can shrink it)", "memfd_create",
            NativeCommon.CAP_SEALED_SHM, LINUX),
    /** Crash-safe (robust) inter-process lock ({@code pthread_mutexattr_setrobust}). */
    ROBUST_MUTEX("crash-safe (robust) inter-process lock", "pthread_mutexattr_setrobust",
            NativeCommon.CAP_ROBUST_MUTEX, LINUX),
    /** System V message queue ({@code msgget}). */
    SYSV_MESSAGE_QUEUE("System V message queue", "msgget", NativeCommon.CAP_SYSV_MSG, LINUX, MACOS),
    /** System V receive of every type but one ({@code msgrcv(MSG_EXCEPT)}). */
    SYSV_MESSAGE_EXCEPT("System V receive of every type but one", "msgrcv(MSG_EXCEPT)",
            NativeCommon.CAP_MSG_EXCEPT, LINUX),
    /** System V copy without removing ({@code msgrcv(MSG_COPY)}). */
    SYSV_MESSAGE_COPY("System V copy without removing", "msgrcv(MSG_COPY)", NativeCommon.CAP_MSG_COPY, LINUX),
    /** System V semaphore set ({@code semget}). */
    SYSV_SEMAPHORE("System V semaphore set", "semget", NativeCommon.CAP_SYSV_SEM, LINUX, MACOS),
    /** System V semaphore timed operation ({@code semtimedop}). */
    SYSV_SEMAPHORE_TIMED("System V semaphore timed operation", "semtimedop", NativeCommon.CAP_SEMTIMEDOP, LINUX),
    /** System V shared memory ({@code shmget}). */
    SYSV_SHARED_MEMORY("System V shared memory", "shmget", NativeCommon.CAP_SYSV_SHM, LINUX, MACOS),
    /** Named pipe (FIFO) ({@code mkfifo}). */
    FIFO("named pipe (FIFO)", "mkfifo", NativeCommon.CAP_FIFO, LINUX, MACOS),
    /** Named pipe (Windows) ({@code CreateNamedPipe}). */
    WINDOWS_NAMED_PIPE("named pipe (Windows)", "CreateNamedPipe", NativeCommon.CAP_WINDOWS_NAMED_PIPE, WINDOWS),
    /** Mailslot ({@code CreateMailslot}). */
    MAILSLOT("mailslot", "CreateMailslot", NativeCommon.CAP_MAILSLOT, WINDOWS),
    /** Named shared memory (Windows, paging-file backed) ({@code CreateFileMapping}). */
    WINDOWS_SHARED_MEMORY("named shared memory (Windows, paging-file backed)", "CreateFileMapping",
            NativeCommon.CAP_WINDOWS_SHM, WINDOWS),
    /** Named semaphore (Windows) ({@code CreateSemaphore}). */
    WINDOWS_SEMAPHORE("named semaphore (Windows)", "CreateSemaphore", NativeCommon.CAP_WINDOWS_SEMAPHORE, WINDOWS),
    /** Crash-safe named mutex (Windows, abandonment reported) ({@code CreateMutex}). */
    WINDOWS_MUTEX("crash-safe named mutex (Windows, abandonment reported)", "CreateMutex",
            NativeCommon.CAP_WINDOWS_MUTEX, WINDOWS),
    /** Named event (Windows, manual or auto reset) ({@code CreateEvent}). */
    WINDOWS_EVENT("named event (Windows, manual or auto reset)", "CreateEvent", NativeCommon.CAP_WINDOWS_EVENT,
            WINDOWS),
    // The portable types (io.github.ipc4j.portable): each OS backs them with what it has (any of the bits).
    /** Portable: NamedSharedMemory ({@code shm_open / CreateFileMapping}). */
    NAMED_SHARED_MEMORY("portable: NamedSharedMemory", "shm_open / CreateFileMapping",
            NativeCommon.CAP_POSIX_SHM | NativeCommon.CAP_WINDOWS_SHM, LINUX, MACOS, WINDOWS),
    /** Portable: NamedSemaphore ({@code sem_open / CreateSemaphore}). */
    NAMED_SEMAPHORE("portable: NamedSemaphore", "sem_open / CreateSemaphore",
            NativeCommon.CAP_POSIX_SEM | NativeCommon.CAP_WINDOWS_SEMAPHORE, LINUX, MACOS, WINDOWS),
    /** Portable: NamedLock (owner death reported) ({@code robust mutex / fcntl lock / CreateMutex}). */
    NAMED_LOCK("portable: NamedLock (owner death reported)", "robust mutex / fcntl lock / CreateMutex",
            NativeCommon.CAP_ROBUST_MUTEX | NativeCommon.CAP_FILE_LOCK | NativeCommon.CAP_WINDOWS_MUTEX,
            LINUX, MACOS, WINDOWS),
    /** Portable: NamedMessageQueue ({@code mq_open / shared memory + semaphores}). */
    NAMED_MESSAGE_QUEUE("portable: NamedMessageQueue", "mq_open / shared memory + semaphores",
            NativeCommon.CAP_POSIX_MQ | NativeCommon.CAP_POSIX_SHM | NativeCommon.CAP_WINDOWS_SHM,
            LINUX, MACOS, WINDOWS);

    private final String description;
    private final String call;
    private final int capability;
    private final Set<OperatingSystem> systems;

    Feature(String description, String call, int capability, OperatingSystem... systems) {
        this.description = description;
        this.call = call;
        this.capability = capability;
        this.systems = Collections.unmodifiableSet(EnumSet.copyOf(Arrays.asList(systems)));
    }

    /**
     * What the feature is, as the README's platform table says it.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The OS call that provides the feature.
     *
     * @return the call, for example {@code mq_open}
     */
    public String call() {
        return call;
    }

    /**
     * The systems that have the feature.
     *
     * @return the systems, unmodifiable
     */
    public Set<OperatingSystem> systems() {
        return systems;
    }

    int capability() {
        return capability;
    }
}
