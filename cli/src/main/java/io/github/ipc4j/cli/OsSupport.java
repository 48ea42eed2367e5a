package io.github.ipc4j.cli;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;

/**
 * Which commands run on which operating system, decided in one place before a command starts: on Linux every
 * one; on macOS and Windows those that work with that system's objects (macOS: all but mq and bench, listing its
 * System V objects and FIFOs, finding POSIX shared memory and named semaphores by name), and for the others one line naming the system and what it lacks (exit code 1,
 * never a stack trace). The system is the running one unless a test chose another
 * ({@link Main#run(OperatingSystem, String...)}): only the choice is injected, never an answer of the kernel.
 */
final class OsSupport {
    private static volatile OperatingSystem current = Platform.os();

    private OsSupport() {}

    /** The system the tool runs for (null: one ipc4j has no library for). */
    static OperatingSystem current() {
        return current;
    }

    static void use(OperatingSystem os) {
        current = os;
    }

    /** The system's name for messages. */
    static String name(OperatingSystem os) {
        return os == null ? System.getProperty("os.name") : os.displayName();
    }

    /**
     * Null when the command (its path below ipc4j: "ls", "mq send") runs on os; else why not, naming the system
     * and what it lacks.
     */
    static String lacking(OperatingSystem os, String command) {
        String top = command.isEmpty() ? "" : command.split(" ")[0];
        if (top.isEmpty() || top.equals("help") || top.equals("generate-completion")) {
            return null;
        }
        if (os == null) {
            return top.equals("doctor") ? null : System.getProperty("os.name") + ": ipc4j has no native library for "
                    + "this system (it ships Linux, macOS and Windows ones)";
        }
        switch (os) {
            case LINUX:
                return null;
            case MACOS:
                return macos(top);
            case WINDOWS:
                return windows(top);
            default:
                throw new IllegalStateException("no rule for " + os);
        }
    }

    private static String macos(String top) {
        switch (top) {
            case "mq":
                return "macOS has no POSIX message queues (no mq_open); System V queues (ipc4j msg) work";
            case "bench":
                return benchLinuxOnly(OperatingSystem.MACOS);
            default:
                // ls, stat, rm, watch, gc: System V objects (the kern.sysv.ipcs sysctls ipcs reads) and FIFOs; stat
                // and rm also POSIX shared memory and named semaphores, by name (Inventory.Source.POSIX_BY_NAME);
                // msg, sem, shm, pipe (FIFOs), doctor: the library supports them on macOS
                return null;
        }
    }

    /**
     * What ls and watch cannot show on os, said once beside the list (null: nothing missing): macOS has no system
     * call that lists POSIX named semaphores or shared memory, and no POSIX message queues.
     */
    static String unlisted(OperatingSystem os) {
        return os != OperatingSystem.MACOS ? null : "macOS cannot enumerate POSIX named semaphores or shared "
                + "memory (no /dev/shm, and no system call lists them) and has no POSIX message queues: only "
                + "System V objects and the FIFOs under --fifos are listed (ipc4j stat and rm find POSIX ones by name)";
    }

    private static String windows(String top) {
        switch (top) {
            case "ls": case "watch": case "gc": case "doctor": case "pipe":
                // Windows' named pipes (\\.\pipe\) are listed, read and written (as a client); gc says why
                // nothing is left behind
                return null;
            case "stat": case "rm":
                return "Windows: a named pipe has no owner, mode or process ids that `ipc4j " + top + "` could show "
                        + "or act on, and cannot be removed (it goes when its last handle closes); `ipc4j ls` lists "
                        + "the pipes of \\\\.\\pipe\\";
            case "mq": case "msg": case "sem": case "shm":
                return "Windows has no POSIX or System V IPC (mq_open, msgget, semget, shmget, sem_open, shm_open), "
                        + "which `ipc4j " + top + "` drives; its own named pipes, mailslots, semaphores and shared "
                        + "memory are in the library's io.github.ipc4j.windows package";
            case "bench":
                return benchLinuxOnly(OperatingSystem.WINDOWS);
            default:
                return null;
        }
    }

    private static String benchLinuxOnly(OperatingSystem os) {
        return os.displayName() + ": the benchmark suite (bench/run.sh, a bash script that pins CPUs with taskset "
                + "and measures Linux mechanisms) runs on Linux only";
    }
}
