package io.github.ipc4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import io.github.ipc4j.IpcListing;
import io.github.ipc4j.OperatingSystem;

import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** ipc4j ls: every object, one line each, or JSON. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = {"List the IPC objects, with owner, mode, size, count and processes.", "",
            "System V message queues, semaphore sets and shared memory segments, POSIX message queues, named",
            "semaphores and shared memory, and the FIFOs under --fifos DIR; on macOS the System V objects and the",
            "FIFOs (it cannot enumerate POSIX objects); on Windows the named pipes of \\\\.\\pipe\\.",
            "COUNT is messages (queues), value (POSIX semaphore), semaphores (set), attachments (segment) or",
            "instances (Windows pipe);",
            "CPID/LPID are the creator and last process, '(dead)' when no longer running."})
final class LsCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    Filters filters;

    @Option(names = "--json", description = "One JSON array of objects, for programs.")
    boolean json;

    @Override
    public Integer call() {
        List<Listed> objects = filters.select();
        if (OsSupport.current() == OperatingSystem.LINUX
                && DoctorCommand.Mount.at(Paths.get(IpcListing.DEV_MQUEUE), "mqueue") == null) {
            System.err.println("ipc4j ls: /dev/mqueue is not mounted, so POSIX message queues are not listed "
                    + "(ipc4j doctor says how to mount it)");
        }
        String unlisted = OsSupport.unlisted(OsSupport.current());
        if (unlisted != null && filters.mayInclude(Listed.POSIX_MQ, Listed.POSIX_SEM, Listed.POSIX_SHM)) {
            System.err.println("ipc4j ls: " + unlisted); // beside the table or the JSON array, which stays one
        }
        objects.sort(Comparator.comparing((Listed l) -> l.type).thenComparing(l -> l.name).thenComparingInt(l -> l.id));
        if (json) {
            System.out.println(Json.write(objects.stream().map(Listed::toMap).collect(Collectors.toList())));
        } else {
            System.out.print(table(objects));
        }
        return CliException.OK;
    }

    static Table table(List<Listed> objects) {
        Table t = new Table("OBJECT", "TYPE", "ID>", "OWNER", "MODE", "SIZE>", "COUNT>", "CPID>", "LPID>");
        for (Listed l : objects) {
            t.row(l.ref(), l.type, l.isSysv() ? l.id : null, l.owner(), l.mode(),
                    l.size < 0 ? null : l.size, l.count < 0 ? null : l.count, Listed.pid(l.creatorPid, l.creatorAlive),
                    Listed.pid(l.lastPid, l.lastAlive));
        }
        return t;
    }
}
