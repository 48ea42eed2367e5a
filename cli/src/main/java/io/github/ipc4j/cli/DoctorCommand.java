package io.github.ipc4j.cli;

import io.github.ipc4j.IpcListing;
import io.github.ipc4j.KernelLimit;
import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import io.github.ipc4j.windows.WindowsNamedPipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * ipc4j doctor: what trips people, checked here and now, each problem with the command that fixes it. Exit code 1
 * when a problem was found, 0 when only notes (or nothing) were.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check what makes IPC fail, and say how to fix it.", "",
            "Kernel limits (fs.mqueue.*, kernel.msg*, kernel.sem, kernel.shm*),",
            "RLIMIT_MSGQUEUE, /dev/mqueue mounted, size and use of /dev/shm, and loading the JNI library;",
            "on macOS the library, kern.sysv.shmmax and what macOS lacks; on Windows the library and the",
            "listing of named pipes.",
            "Each problem comes with the command that fixes it; exit code 1 when there is one."})
final class DoctorCommand implements Callable<Integer> {
    static final String OK = "ok";
    static final String NOTE = "note";
    static final String PROBLEM = "PROBLEM";

    private static final long MIB = 1024 * 1024;

    @Option(names = "--json", description = "The checks as a JSON array.")
    boolean json;

    private final List<Map<String, Object>> checks = new ArrayList<>();

    private void check(String name, String status, String value, String detail, String fix) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("check", name);
        c.put("status", status);
        c.put("value", value);
        c.put("detail", detail);
        c.put("fix", fix);
        checks.add(c);
    }

    @Override
    public Integer call() throws IOException {
        library();
        OperatingSystem os = OsSupport.current();
        if (os == OperatingSystem.LINUX) {
            int[] used = used();
            posixQueues();
            sysvQueues(used[0]);
            semaphores(used[1]);
            sharedMemory(used[2]);
            devShm();
        } else if (os == OperatingSystem.WINDOWS) {
            windows();
        } else if (os == OperatingSystem.MACOS) {
            macos();
        }
        boolean problem = checks.stream().anyMatch(c -> PROBLEM.equals(c.get("status")));
        if (json) {
            System.out.println(Json.write(checks));
        } else {
            StringBuilder sb = new StringBuilder();
            for (Map<String, Object> c : checks) {
                sb.append(String.format("%-8s %-26s %s%n", c.get("status"), c.get("check"), c.get("value")));
                if (c.get("detail") != null) {
                    sb.append(String.format("%-8s %-26s %s%n", "", "", c.get("detail")));
                }
                if (c.get("fix") != null) {
                    sb.append(String.format("%-8s %-26s fix: %s%n", "", "", c.get("fix")));
                }
            }
            long problems = checks.stream().filter(c -> PROBLEM.equals(c.get("status"))).count();
            sb.append(problems == 0 ? "no problems found\n" : problems + " problem(s) found\n");
            System.out.print(sb);
        }
        return problem ? CliException.FAILURE : CliException.OK;
    }

    /** Counts of System V queues, sets and segments (for limits on how many). */
    private int[] used() {
        try {
            IpcListing l = IpcListing.take();
            return new int[] {l.sysvMessageQueues().size(), l.sysvSemaphoreSets().size(), l.sysvSharedMemory().size(),
                l.posixMessageQueues().size()};
        } catch (IOException | RuntimeException e) {
            return new int[] {-1, -1, -1, -1};
        }
    }

    private void library() {
        String tmp = System.getProperty("java.io.tmpdir");
        Mount tmpMount = Mount.of(Paths.get(tmp));
        boolean noexec = tmpMount != null && tmpMount.options.contains("noexec");
        try {
            String path = Platform.libraryPath().toString();
            check("JNI library", OK, path, noexec ? "the temporary directory " + tmp
                    + " is mounted noexec: the loader extracted the library elsewhere" : null, null);
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            check("JNI library", PROBLEM, "not loaded", e.getMessage(), noexec
                    ? "the temporary directory " + tmp + " is mounted noexec: IPC4J_JAVA_OPTS=-Dipc4j.extract.dir="
                            + "<a directory on an exec mount> ipc4j ..., or mount -o remount,exec " + tmpMount.point
                    : "IPC4J_JAVA_OPTS=-Dipc4j.library.path=/path/to/libipc4j.so ipc4j ...");
        }
        if (noexec) {
            check("temporary directory", NOTE, tmp + " (" + tmpMount.point + ": noexec)",
                    "a JNI library cannot be loaded from there; ipc4j falls back to ~/.cache/ipc4j",
                    "mount -o remount,exec " + tmpMount.point + ", or -Dipc4j.extract.dir=DIR");
        }
    }

    /** Windows: the pipe listing that ls reads, and what the system has not. */
    private void windows() {
        try {
            int pipes = WindowsNamedPipe.list().size();
            check("named pipes", OK, pipes + " in \\\\.\\pipe\\", null, null);
        } catch (IOException | RuntimeException e) {
            check("named pipes", PROBLEM, "cannot list \\\\.\\pipe\\", e.getMessage(),
                    "ipc4j ls cannot show the pipes here; run it on Windows itself (Wine does not enumerate the "
                            + "pipe device)");
        }
        check("POSIX and System V IPC", NOTE, "none on Windows",
                "mq, msg, sem, shm, stat, rm and pipe need them; the library's io.github.ipc4j.windows package and its "
                        + "portable types (NamedSemaphore, NamedSharedMemory, NamedMessageQueue) work here", null);
    }

    /** macOS: System V shared memory limits (small by default), and what the system has not. */
    private void macos() {
        check("POSIX message queues", NOTE, "none on macOS", "macOS has no mq_open: ipc4j mq does not run; "
                + "System V queues (ipc4j msg) and the portable NamedMessageQueue work", null);
        check("listing objects", NOTE, "System V and FIFOs only", OsSupport.unlisted(OperatingSystem.MACOS)
                + " (ipc4j ls, stat, rm, watch and gc read the System V objects from the kern.sysv.ipcs sysctls)",
                null);
        long shmmax = macSysctl("kern.sysv.shmmax");
        if (shmmax < 0) {
            check("kern.sysv.shmmax", NOTE, "unreadable", "sysctl -n kern.sysv.shmmax gave no number", null);
        } else if (shmmax < 64 * MIB) {
            check("kern.sysv.shmmax", NOTE, bytes(shmmax), "System V segments larger than this fail with EINVAL "
                    + "(macOS's default is 4 MiB)", "sudo sysctl -w kern.sysv.shmmax=1073741824 "
                    + "kern.sysv.shmall=262144 (and the same lines in /etc/sysctl.conf to keep them)");
        } else {
            check("kern.sysv.shmmax", OK, bytes(shmmax), null, null);
        }
    }

    /** A macOS sysctl through the sysctl command (there is no /proc): its number, or -1. */
    private static long macSysctl(String name) {
        try {
            Process p = new ProcessBuilder("sysctl", "-n", name).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .trim();
            return p.waitFor() == 0 && out.matches("\\d+") ? Long.parseLong(out) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void posixQueues() {
        Mount mqueue = Mount.at(Paths.get(IpcListing.DEV_MQUEUE), "mqueue");
        if (mqueue == null) {
            check("/dev/mqueue", PROBLEM, "not mounted",
                    "POSIX message queues work, but no tool (ls, ipc4j ls, gc) can see them",
                    "mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue");
        } else {
            check("/dev/mqueue", OK, "mounted", null, null);
        }
        limitAtLeast(KernelLimit.MQ_MSG_MAX, 10);
        limitAtLeast(KernelLimit.MQ_MSGSIZE_MAX, 8192);
        long queuesMax = limitAtLeast(KernelLimit.MQ_QUEUES_MAX, 256);
        if (mqueue != null && queuesMax > 0) {
            try (var files = Files.list(Paths.get(IpcListing.DEV_MQUEUE))) {
                long n = files.count();
                usage("POSIX queues in use", n, queuesMax, KernelLimit.MQ_QUEUES_MAX);
            } catch (IOException e) {
                // unreadable: skip
            }
        }
        long[] rlimit = rlimitMsgqueue();
        if (rlimit != null) {
            String value = "soft " + bytes(rlimit[0]) + ", hard " + bytes(rlimit[1]);
            String fix = "ulimit -q <bytes> in the shell that starts the program (up to the hard limit; raise that in "
                    + "/etc/security/limits.conf: <user> hard msgqueue <bytes>), or LimitMSGQUEUE= in a systemd unit";
            long mine = mqueue == null ? -1 : queueBytesOfThisUser();
            if (mine >= 0) {
                value += "; this user's queues take at least " + bytes(mine);
            }
            if (rlimit[0] >= 0 && rlimit[0] < 819200) {
                check("RLIMIT_MSGQUEUE", PROBLEM, value, "below Linux's default 800 KiB: a user's queues together "
                        + "may take no more than this", fix);
            } else if (rlimit[0] >= 0 && mine * 10 >= rlimit[0] * 9) {
                check("RLIMIT_MSGQUEUE", PROBLEM, value, "(maxMessages x messageSize of each queue, plus the kernel's "
                        + "overhead): creating another queue fails with EMFILE", fix + "; or remove queues: ipc4j gc");
            } else {
                check("RLIMIT_MSGQUEUE", OK, value, null, null);
            }
        }
    }

    private void sysvQueues(int queues) {
        long msgmni = limitAtLeast(KernelLimit.MSGMNI, 16);
        limitAtLeast(KernelLimit.MSGMAX, 8192);
        limitAtLeast(KernelLimit.MSGMNB, 16384);
        usage("System V queues in use", queues, msgmni, KernelLimit.MSGMNI);
    }

    private void semaphores(int sets) {
        KernelLimit[] fields = {KernelLimit.SEMMSL, KernelLimit.SEMMNS, KernelLimit.SEMOPM, KernelLimit.SEMMNI};
        long[] f = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            f[i] = fields[i].value().orElse(-1);
            if (f[i] < 0) {
                return; // no kernel.sem to check
            }
        }
        long semmsl = f[0];
        long semopm = f[2];
        long semmni = f[3];
        String value = "SEMMSL " + f[0] + ", SEMMNS " + f[1] + ", SEMOPM " + f[2] + ", SEMMNI " + f[3];
        String fix = "sysctl -w kernel.sem=\"32000 1024000000 500 32000\" (root; the order is SEMMSL SEMMNS SEMOPM "
                + "SEMMNI)";
        if (semmsl < 250 || semopm < 32 || semmni < 128) {
            check("kernel.sem", PROBLEM, value, "below Linux's defaults (semaphores per set, operations per call, "
                    + "sets)", fix);
        } else {
            check("kernel.sem", OK, value, null, null);
        }
        usage("System V sets in use", sets, semmni, KernelLimit.SEMMNI);
    }

    private void sharedMemory(int segments) {
        long shmmax = KernelLimit.SHMMAX.value().orElse(-1);
        if (shmmax >= 0) {
            if (shmmax < 32 * MIB) {
                check("kernel.shmmax", PROBLEM, bytes(shmmax), "the largest System V segment",
                        "sysctl -w kernel.shmmax=18446744073692774399 (root; Linux's default)");
            } else {
                check("kernel.shmmax", OK, bytes(shmmax), null, null);
            }
        }
        long shmall = KernelLimit.SHMALL.value().orElse(-1);
        if (shmall >= 0) {
            if (shmall < 8192) {
                check("kernel.shmall", PROBLEM, shmall + " pages", "System V shared memory in all, in pages",
                        "sysctl -w kernel.shmall=18446744073692774399 (root; Linux's default)");
            } else {
                check("kernel.shmall", OK, shmall + " pages", null, null);
            }
        }
        long shmmni = limitAtLeast(KernelLimit.SHMMNI, 128);
        usage("System V segments in use", segments, shmmni, KernelLimit.SHMMNI);
    }

    private void devShm() throws IOException {
        Path shm = Paths.get(IpcListing.DEV_SHM);
        if (!Files.isDirectory(shm)) {
            check("/dev/shm", PROBLEM, "missing", "POSIX shared memory and named semaphores live there",
                    "mkdir -p /dev/shm && mount -t tmpfs -o mode=1777 tmpfs /dev/shm");
            return;
        }
        FileStore store = Files.getFileStore(shm);
        long total = store.getTotalSpace();
        long free = store.getUsableSpace();
        long used = total - free;
        String value = bytes(total) + ", " + bytes(used) + " used (" + (total == 0 ? 0 : used * 100 / total) + "%)";
        String grow = "mount -o remount,size=1G /dev/shm (root); in a container: docker run --shm-size=1g, or a "
                + "memory-backed emptyDir on Kubernetes";
        if (total < 256 * MIB) {
            check("/dev/shm size", PROBLEM, value, "small (a container's default is 64 MiB): creating a larger object "
                    + "fails with ENOSPC", grow);
        } else if (total > 0 && used * 10 > total * 9) {
            check("/dev/shm use", PROBLEM, value, "nearly full: ipc4j gc lists objects whose creators died", grow);
        } else {
            check("/dev/shm", OK, value, null, null);
        }
    }

    /** The limit now; a problem when below the floor (Linux's default). Returns the value, -1 if unreadable. */
    private long limitAtLeast(KernelLimit limit, long floor) {
        String key = limit.sysctl();
        long value = limit.value().orElse(-1);
        if (value < 0) {
            check(key, NOTE, "unreadable", "the kernel does not show " + key, null);
        } else if (value < floor) {
            check(key, PROBLEM, Long.toString(value), limit.description() + ": below Linux's default " + floor,
                    "sysctl -w " + key + "=" + floor + " (root; persist it in /etc/sysctl.d/)");
        } else {
            check(key, OK, Long.toString(value), null, null);
        }
        return value;
    }

    /** A problem when used is at least 90% of the limit's max. */
    private void usage(String what, long used, long max, KernelLimit limit) {
        if (used < 0 || max <= 0) {
            return;
        }
        String value = used + " of " + max;
        if (used * 10 >= max * 9) {
            String name = limit.sysctl() + (limit.sysctl().equals("kernel.sem") ? "'s " + limit.name() : "");
            check(what, PROBLEM, value, (used >= max ? "the limit is reached" : "close to the limit") + " (" + name
                    + "): creating one more fails with ENOSPC", limit.howToRaise()
                    + "; or remove what is left over: ipc4j gc");
        } else {
            check(what, OK, value, null, null);
        }
    }

    /** What this user's POSIX queues charge to RLIMIT_MSGQUEUE, at least: maxMessages x messageSize each. */
    private static long queueBytesOfThisUser() {
        long self = Users.self();
        long sum = 0;
        for (Listed l : Inventory.take(List.of())) {
            if (l.type.equals(Listed.POSIX_MQ) && l.uid == self && l.details.get("maxMessages") != null) {
                sum += ((Number) l.details.get("maxMessages")).longValue()
                        * ((Number) l.details.get("messageSize")).longValue();
            }
        }
        return sum;
    }

    /** This process's RLIMIT_MSGQUEUE, soft and hard (-1: unlimited), from /proc/self/limits. */
    private static long[] rlimitMsgqueue() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/limits"))) {
                if (line.startsWith("Max msgqueue size")) {
                    String[] f = line.substring("Max msgqueue size".length()).trim().split("\\s+");
                    return new long[] {limit(f[0]), limit(f[1])};
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc
        }
        return null;
    }

    private static long limit(String s) {
        return s.equals("unlimited") ? -1 : Long.parseLong(s);
    }

    static String bytes(long n) {
        if (n < 0) {
            return "unlimited";
        }
        if (n >= 1L << 50) {
            return n + " bytes";
        }
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " bytes" : String.format("%.1f %s", v, units[u]);
    }

    /** A mount from /proc/self/mounts. */
    static final class Mount {
        final String point;
        final String type;
        final List<String> options;

        private Mount(String point, String type, List<String> options) {
            this.point = point;
            this.type = type;
            this.options = options;
        }

        private static List<Mount> all() {
            try {
                return Files.readAllLines(Paths.get("/proc/self/mounts")).stream().map(l -> l.split(" "))
                        .filter(f -> f.length > 3)
                        .map(f -> new Mount(f[1].replace("\\040", " "), f[2], List.of(f[3].split(","))))
                        .collect(Collectors.toList());
            } catch (IOException e) {
                return List.of();
            }
        }

        /** The mount at exactly dir, of that type; null if none. */
        static Mount at(Path dir, String type) {
            Mount found = null;
            for (Mount m : all()) {
                if (m.point.equals(dir.toString()) && m.type.equals(type)) {
                    found = m;
                }
            }
            return found;
        }

        /** The mount that holds path (the longest mount point above it; the last one mounted wins). */
        static Mount of(Path path) {
            Path p;
            try {
                p = path.toRealPath();
            } catch (IOException e) {
                p = path.toAbsolutePath().normalize();
            }
            Mount best = null;
            for (Mount m : all()) {
                if (p.startsWith(Paths.get(m.point)) && (best == null || m.point.length() >= best.point.length())) {
                    best = m;
                }
            }
            return best;
        }
    }
}
