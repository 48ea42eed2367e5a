package io.github.ipc4j.cli;

import io.github.ipc4j.OpenMode;
import io.github.ipc4j.posix.PosixSemOptions;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.sysv.SemOperation;
import io.github.ipc4j.sysv.SysvSemOptions;
import io.github.ipc4j.sysv.SysvSemaphoreSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * ipc4j sem get|post|wait|set: a POSIX named semaphore (/items) or one semaphore of a System V set (0x4950 or an
 * id, --index).
 */
@Command(name = "sem", mixinStandardHelpOptions = true,
        description = {"Semaphores: get, post, wait, set.", "",
            "A POSIX named semaphore (/items) or a System V set (key 0x4950 or id 32768, --index choosing the",
            "semaphore): read, post (add), wait (take) and set values."},
        subcommands = {SemCommand.Get.class, SemCommand.Post.class, SemCommand.Wait.class, SemCommand.Set.class})
final class SemCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say get, post, wait or set");
    }

    /** What every sem command takes: the semaphore, which one of a set, and how to create it. */
    static class Target {
        @Parameters(index = "0", paramLabel = "SEMAPHORE", description = "/items, 0x4950 or an id.")
        String semaphore;

        @Option(names = {"-i", "--index"}, description = "Which semaphore of a System V set (default 0).")
        int index;

        @picocli.CommandLine.Mixin
        CreateOptions creating;

        @Option(names = "--count", paramLabel = "N", description = "Semaphores in a System V set created (default 1).")
        int count = 1;

        ObjectRef ref() {
            ObjectRef ref = ObjectRef.parse(semaphore, "sem");
            if (index < 0) {
                throw CliException.usage("--index must not be negative, was " + index);
            }
            if (ref.isPosix() && index != 0) {
                throw CliException.usage("--index applies to a System V set, not to " + ref.posixName);
            }
            creating.mode(); // checked before anything is opened
            return ref;
        }

        PosixSemaphore posix(ObjectRef ref, int initial) throws IOException {
            PosixSemOptions options = PosixSemOptions.options();
            if (creating.create) {
                options.openMode(OpenMode.OPEN_OR_CREATE).initialPermits(initial);
                if (creating.mode() >= 0) {
                    options.mode(creating.mode());
                }
            }
            return PosixSemaphore.open(ref.posixName, options);
        }

        SysvSemaphoreSet sysv(ObjectRef ref) throws IOException {
            if (ref.id != null) {
                if (creating.create) {
                    throw CliException.usage("--create needs a key (0x4950): a set's id is the kernel's to choose");
                }
                return checked(SysvSemaphoreSet.ofId(ref.id));
            }
            SysvSemOptions options = SysvSemOptions.options();
            if (creating.create) {
                options.openMode(OpenMode.OPEN_OR_CREATE).count(count);
                if (creating.mode() >= 0) {
                    options.mode(creating.mode());
                }
            }
            return checked(SysvSemaphoreSet.open(ref.ipcKey(), options));
        }

        private SysvSemaphoreSet checked(SysvSemaphoreSet set) {
            if (index >= set.size()) {
                set.close();
                throw CliException.usage("--index " + index + ": the set has " + set.size() + " semaphores (0 to "
                        + (set.size() - 1) + ")");
            }
            return set;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Print the value (every value of a set).")
    static final class Get extends Target implements Callable<Integer> {
        @Option(names = "--json", description = "As JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            ObjectRef ref = ref();
            Map<String, Object> m = new LinkedHashMap<>();
            if (ref.isPosix()) {
                try (PosixSemaphore s = posix(ref, 0)) {
                    m.put("value", s.availablePermits());
                }
            } else {
                try (SysvSemaphoreSet set = sysv(ref)) {
                    int[] values = set.getAll();
                    m.put("id", set.id());
                    m.put("values", Arrays.stream(values).boxed().toArray());
                    m.put("value", values[index]);
                }
            }
            if (json) {
                System.out.println(Json.write(m));
            } else if (m.containsKey("values")) {
                Object[] values = (Object[]) m.get("values");
                System.out.println(values.length == 1 ? values[0].toString()
                        : Arrays.stream(values).map(Object::toString).reduce((a, b) -> a + " " + b).orElse(""));
            } else {
                System.out.println(m.get("value"));
            }
            return 0;
        }
    }

    @Command(name = "post", mixinStandardHelpOptions = true, description = "Add N (default 1): sem_post, semop +N.")
    static final class Post extends Target implements Callable<Integer> {
        @Option(names = {"-n"}, paramLabel = "N", description = "How much to add (default 1).")
        int n = 1;

        @Override
        public Integer call() throws IOException, InterruptedException {
            ObjectRef ref = ref();
            if (n < 1) {
                throw CliException.usage("-n must be at least 1, was " + n);
            }
            if (ref.isPosix()) {
                try (PosixSemaphore s = posix(ref, 0)) {
                    s.release(n);
                }
            } else {
                try (SysvSemaphoreSet set = sysv(ref)) {
                    set.perform(set.operation().add(index, n).build());
                }
            }
            return 0;
        }
    }

    @Command(name = "wait", mixinStandardHelpOptions = true,
            description = "Take N (default 1), waiting until there are: sem_wait, semop -N.")
    static final class Wait extends Target implements Callable<Integer> {
        @Option(names = {"-n"}, paramLabel = "N", description = "How much to take (default 1).")
        int n = 1;

        @Option(names = "--timeout", paramLabel = "DURATION", description = "Wait at most this long; 0: do not wait.")
        Duration timeout;

        @Override
        public Integer call() throws IOException, InterruptedException {
            ObjectRef ref = ref();
            MqCommand.nonNegative(timeout, "--timeout");
            if (n < 1) {
                throw CliException.usage("-n must be at least 1, was " + n);
            }
            boolean taken = true;
            if (ref.isPosix()) {
                try (PosixSemaphore s = posix(ref, 0)) {
                    long deadline = timeout == null ? 0 : System.nanoTime() + timeout.toNanos();
                    for (int got = 0; got < n; got++) {
                        if (timeout == null) {
                            s.acquire();
                        } else if (!s.tryAcquire(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                            if (got > 0) {
                                s.release(got); // all or nothing: give back what was taken
                            }
                            taken = false;
                            break;
                        }
                    }
                }
            } else {
                try (SysvSemaphoreSet set = sysv(ref)) {
                    SemOperation take = set.operation().add(index, -n).build();
                    if (timeout == null) {
                        set.perform(take);
                    } else {
                        taken = timeout.isZero() ? set.tryPerform(take) : set.tryPerform(take, timeout);
                    }
                }
            }
            if (!taken) {
                throw CliException.failure(semaphore + ": could not take " + n + " within " + timeout.toMillis() + " ms");
            }
            return 0;
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set the value: SETVAL for a System V set; for a POSIX semaphore, which has no such call,",
                "posts or takes (without waiting) the difference."})
    static final class Set extends Target implements Callable<Integer> {
        @Parameters(index = "1", paramLabel = "VALUE", description = "The new value, 0 or more.")
        int value;

        @Override
        public Integer call() throws IOException {
            ObjectRef ref = ref();
            if (value < 0) {
                throw CliException.usage("VALUE must not be negative, was " + value);
            }
            if (ref.isPosix()) {
                try (PosixSemaphore s = posix(ref, value)) {
                    int now = s.availablePermits();
                    if (value > now) {
                        s.release(value - now);
                    }
                    for (int i = now; i > value; i--) {
                        if (!s.tryAcquire()) {
                            break; // someone else took it meanwhile
                        }
                    }
                }
            } else {
                try (SysvSemaphoreSet set = sysv(ref)) {
                    set.set(index, value);
                }
            }
            return 0;
        }
    }
}
