package io.github.ipc4j.cli;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.posix.PosixCreator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * ipc4j gc: the objects whose creator is dead, shown, and removed with --yes. System V: the kernel's pids (a
 * segment's creator and last attacher with nothing attached; a queue's last sender and receiver; a set's last
 * operators). POSIX: the creator ipc4j recorded when it created the object (pid and start time, so a reused pid
 * is not taken for it); objects other programs made have no record and are never collected.
 */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Remove objects whose creator is dead (a dry run unless --yes).", "",
            "System V: by the kernel's creator/last pids; POSIX: objects ipc4j created (it records the creator)."})
final class GcCommand implements Callable<Integer> {
    @Mixin
    Filters filters;

    @Option(names = {"-y", "--yes"}, description = "Remove them (the default is a dry run).")
    boolean yes;

    @Option(names = "--dry-run", description = "Only list them (the default).")
    boolean dryRun;

    @Option(names = "--json", description = "The objects (and what became of them) as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (yes && dryRun) {
            throw CliException.usage("--yes and --dry-run contradict each other: say one");
        }
        if (OsSupport.current() == OperatingSystem.WINDOWS) {
            System.out.println(json ? "[]" : "nothing to collect on Windows: a named pipe, mailslot or named kernel "
                    + "object goes when the last handle to it closes, and Windows closes a dead process's handles, so "
                    + "none outlives the processes that used it");
            return CliException.OK;
        }
        List<Listed> dead = new ArrayList<>();
        Map<Listed, String> why = new LinkedHashMap<>();
        for (Listed l : filters.select()) {
            reason(l).ifPresent(r -> {
                dead.add(l);
                why.put(l, r);
            });
        }
        int failed = 0;
        if (yes && OsSupport.current() == OperatingSystem.LINUX) {
            PosixCreator.pruneRecords(); // the records of POSIX objects removed without ipc4j (kept on Linux only)
        }
        List<Map<String, Object>> report = new ArrayList<>();
        Table table = new Table("OBJECT", "TYPE", "OWNER", "SIZE>", "WHY", "RESULT");
        for (Listed l : dead) {
            String result = "would remove";
            if (yes) {
                try {
                    Remover.remove(l);
                    result = "removed";
                } catch (IOException | RuntimeException e) {
                    result = "failed: " + e.getMessage();
                    failed++;
                }
            }
            table.row(l.ref(), l.type, l.owner(), l.size < 0 ? null : l.size, why.get(l), result);
            Map<String, Object> m = l.toMap();
            m.put("reason", why.get(l));
            m.put("result", result);
            report.add(m);
        }
        if (json) {
            System.out.println(Json.write(report));
        } else if (dead.isEmpty()) {
            System.out.println("no objects with a dead creator");
        } else {
            System.out.print(table);
            if (!yes) {
                System.out.println(dead.size() + " object(s) with a dead creator; ipc4j gc --yes removes them");
            }
        }
        return failed == 0 ? CliException.OK : CliException.FAILURE;
    }

    /** Why the object counts as abandoned, or empty when it does not (or nothing tells). */
    static Optional<String> reason(Listed l) {
        switch (l.type) {
            case Listed.SYSV_SHM:
                if (l.count == 0 && dead(l.creatorPid) && (l.lastPid == 0 || dead(l.lastPid))) {
                    return Optional.of("creator " + l.creatorPid + (l.lastPid > 0 && l.lastPid != l.creatorPid
                            ? " and last user " + l.lastPid : "") + " dead, nothing attached");
                }
                return Optional.empty();
            case Listed.SYSV_MSG:
                return allDead(pids(l, "lastSenderPid", "lastReceiverPid"), "last sender/receiver");
            case Listed.SYSV_SEM: {
                Object pids = l.details.get("lastPids");
                List<Long> list = new ArrayList<>();
                if (pids instanceof Object[]) {
                    for (Object p : (Object[]) pids) {
                        list.add((Long) p);
                    }
                }
                return allDead(list, "last operators");
            }
            case Listed.FIFO:
                return Optional.empty();
            default: // POSIX: the creator ipc4j recorded
                if (l.creatorPid > 0 && Boolean.FALSE.equals(l.creatorAlive)) {
                    return Optional.of("creator " + l.creatorPid + " dead (ipc4j's record)");
                }
                return Optional.empty();
        }
    }

    private static List<Long> pids(Listed l, String... keys) {
        List<Long> pids = new ArrayList<>();
        for (String k : keys) {
            Object v = l.details.get(k);
            if (v instanceof Long) {
                pids.add((Long) v);
            }
        }
        return pids;
    }

    /** Abandoned when at least one pid is known and every known one is dead. */
    private static Optional<String> allDead(List<Long> pids, String who) {
        List<Long> known = pids.stream().filter(p -> p > 0).distinct().collect(Collectors.toList());
        if (known.isEmpty() || !known.stream().allMatch(GcCommand::dead)) {
            return Optional.empty();
        }
        return Optional.of(who + " " + known.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " dead");
    }

    private static boolean dead(long pid) {
        return pid > 0 && !Boolean.TRUE.equals(Inventory.alive(pid));
    }
}
