package io.github.ipc4j.sysv;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import io.github.ipc4j.internal.Errors;
import io.github.ipc4j.internal.NativeSysv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Every System V message queue, semaphore set and shared memory segment of this IPC namespace, with its
 * status, as {@code ipcs} shows them, whatever their permissions. What ipcs reads: on Linux /proc/sysvipc/msg,
 * sem and shm; on macOS the kernel's kern.sysv.ipcs.msg, .sem and .shm sysctls (macOS has no /proc). Elsewhere
 * (Windows has no System V IPC) these methods throw UnsupportedOperationException.
 *
 * <p>A listing is a snapshot: objects come and go while it is read.
 *
 * <p>Thread-safe: static methods only, each call independent.
 */
public final class SysvIpc {
    /** The file the listing reads message queues from. */
    public static final String PROC_MSG = "/proc/sysvipc/msg";
    /** The file the listing reads semaphore sets from. */
    public static final String PROC_SEM = "/proc/sysvipc/sem";
    /** The file the listing reads shared memory segments from. */
    public static final String PROC_SHM = "/proc/sysvipc/shm";

    /** The kernel's "destroy when the last process detaches" bit in a segment's perms (SHM_DEST). */
    private static final int SHM_DEST = 01000;

    private SysvIpc() {}

    /**
     * Every message queue (on Linux its {@link SysvMsgQueueStatus#maxBytes()} is -1: /proc does not show it).
     *
     * @return the queues, unmodifiable
     * @throws IOException /proc/sysvipc/msg (macOS: the sysctl) could not be read
     */
    public static List<SysvMsgQueueStatus> messageQueues() throws IOException {
        if (fromSysctl()) {
            return sysctl(NativeSysv.LIST_MSG, "kern.sysv.ipcs.msg", SysvMsgQueueStatus::of);
        }
        List<SysvMsgQueueStatus> queues = new ArrayList<>();
        for (Map<String, String> row : rows(PROC_MSG)) {
            long[] v = new long[16];
            v[0] = number(row, "key");
            v[1] = number(row, "uid");
            v[2] = number(row, "gid");
            v[3] = number(row, "cuid");
            v[4] = number(row, "cgid");
            v[5] = perms(row) & 0777;
            v[6] = number(row, "cbytes");
            v[7] = number(row, "qnum");
            v[8] = -1;
            v[9] = number(row, "lspid");
            v[10] = number(row, "lrpid");
            v[11] = number(row, "stime");
            v[12] = number(row, "rtime");
            v[13] = number(row, "ctime");
            queues.add(SysvMsgQueueStatus.of((int) number(row, "msqid"), v));
        }
        return Collections.unmodifiableList(queues);
    }

    /**
     * Every semaphore set.
     *
     * @return the sets, unmodifiable
     * @throws IOException /proc/sysvipc/sem (macOS: the sysctl) could not be read
     */
    public static List<SysvSemStatus> semaphoreSets() throws IOException {
        if (fromSysctl()) {
            return sysctl(NativeSysv.LIST_SEM, "kern.sysv.ipcs.sem", SysvSemStatus::of);
        }
        List<SysvSemStatus> sets = new ArrayList<>();
        for (Map<String, String> row : rows(PROC_SEM)) {
            long[] v = {number(row, "key"), number(row, "uid"), number(row, "gid"), number(row, "cuid"),
                number(row, "cgid"), perms(row) & 0777, number(row, "nsems"), number(row, "otime"),
                number(row, "ctime")};
            sets.add(SysvSemStatus.of((int) number(row, "semid"), v));
        }
        return Collections.unmodifiableList(sets);
    }

    /**
     * Every shared memory segment, those removed but still attached included.
     *
     * @return the segments, unmodifiable
     * @throws IOException /proc/sysvipc/shm (macOS: the sysctl) could not be read
     */
    public static List<SysvShmStatus> sharedMemorySegments() throws IOException {
        if (fromSysctl()) {
            return sysctl(NativeSysv.LIST_SHM, "kern.sysv.ipcs.shm", SysvShmStatus::of);
        }
        List<SysvShmStatus> segments = new ArrayList<>();
        for (Map<String, String> row : rows(PROC_SHM)) {
            int perms = perms(row);
            long[] v = {number(row, "key"), number(row, "uid"), number(row, "gid"), number(row, "cuid"),
                number(row, "cgid"), perms & 0777, number(row, "size"), number(row, "nattch"), number(row, "cpid"),
                number(row, "lpid"), number(row, "atime"), number(row, "dtime"), number(row, "ctime"),
                (perms & SHM_DEST) != 0 ? 1 : 0};
            segments.add(SysvShmStatus.of((int) number(row, "shmid"), v));
        }
        return Collections.unmodifiableList(segments);
    }

    /** Where the listing comes from, decided here only: macOS's sysctls, or (Linux) /proc/sysvipc. */
    private static boolean fromSysctl() {
        return Platform.os() == OperatingSystem.MACOS;
    }

    /**
     * macOS: every object of kind, walking the kernel's table with the sysctl's cursor; each row is the id and the
     * values the status record's of() takes (the same as a /proc line gives, and msg_qbytes).
     */
    private static <T> List<T> sysctl(int kind, String sysctl, BiFunction<Integer, long[], T> of) throws IOException {
        List<T> objects = new ArrayList<>();
        long[] row = new long[NativeSysv.LIST_ROW];
        int cursor = 0;
        for (;;) {
            int next = NativeSysv.macosListNext(kind, cursor, row);
            if (next < 0) {
                throw Errors.of(-next, "sysctlbyname", sysctl);
            }
            if (next == 0) {
                return Collections.unmodifiableList(objects);
            }
            objects.add(of.apply((int) row[0], Arrays.copyOfRange(row, 1, row.length)));
            cursor = next;
        }
    }

    /** The file's rows as column name to value, by its header line. */
    private static List<Map<String, String>> rows(String file) throws IOException {
        Path path = Paths.get(file);
        if (!Files.exists(path)) {
            throw new UnsupportedOperationException(System.getProperty("os.name") + " has no " + file
                    + ", which listing System V IPC objects reads (on Linux; macOS asks its kern.sysv.ipcs sysctls)");
        }
        List<String> lines = Files.readAllLines(path);
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        String[] names = lines.get(0).trim().split("\\s+");
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.trim().split("\\s+");
            if (values.length < names.length) {
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                row.put(names[i], values[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static long number(Map<String, String> row, String column) throws IOException {
        String value = row.get(column);
        if (value == null) {
            throw new IOException("/proc/sysvipc: no column " + column + " in " + row.keySet());
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IOException("/proc/sysvipc: column " + column + " is not a number: " + value, e);
        }
    }

    /** The perms column: octal, as the kernel prints it. */
    private static int perms(Map<String, String> row) throws IOException {
        String value = row.get("perms");
        if (value == null) {
            throw new IOException("/proc/sysvipc: no column perms in " + row.keySet());
        }
        return Integer.parseInt(value, 8);
    }
}
