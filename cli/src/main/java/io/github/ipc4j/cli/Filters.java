package io.github.ipc4j.cli;

import io.github.ipc4j.OperatingSystem;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The options that choose objects (ls, watch, gc): --type, --owner, --name, and where to look for FIFOs. */
final class Filters {
    @Option(names = {"-t", "--type"}, split = ",", paramLabel = "TYPE",
            description = "Only these types (comma-separated): posix-mq, posix-sem, posix-shm, sysv-msg, sysv-sem, "
                    + "sysv-shm, fifo, pipe (Windows named pipes); or posix, sysv, mq (posix-mq), msg (sysv-msg), "
                    + "sem, shm (both families).")
    List<String> types = new ArrayList<>();

    @Option(names = {"-u", "--owner"}, paramLabel = "USER", description = "Only objects this user (name or uid) owns.")
    String owner;

    @Option(names = {"-n", "--name"}, paramLabel = "GLOB",
            description = "Only objects whose name (or key, or OBJECT as ls shows it) matches: * any run, ? one "
                    + "character, e.g. '/orders*' or '0x0000ab*'.")
    String name;

    @Option(names = "--fifos", paramLabel = "DIR", description = "Also list the FIFOs under DIR (repeatable).")
    List<Path> fifoDirs = new ArrayList<>();

    /** The objects that pass every filter (usage error for a bad filter, before listing). */
    List<Listed> select() {
        Predicate<Listed> filter = predicate();
        List<Path> dirs = new ArrayList<>(fifoDirs);
        return Inventory.take(dirs).stream().filter(filter).collect(Collectors.toList());
    }

    Predicate<Listed> predicate() {
        Predicate<Listed> p = l -> true;
        if (!types.isEmpty()) {
            for (String t : types) {
                if (Arrays.stream(Listed.TYPES).noneMatch(type -> typeMatches(type, t))) {
                    throw CliException.usage("--type " + t + ": not a type; types are "
                            + String.join(", ", Listed.TYPES) + ", or posix, sysv, mq, msg, sem, shm");
                }
            }
            p = p.and(l -> types.stream().anyMatch(t -> typeMatches(l.type, t)));
        }
        if (owner != null) {
            if (OsSupport.current() == OperatingSystem.WINDOWS) {
                throw CliException.usage("--owner " + owner + ": Windows tells no owner of a named pipe to "
                        + "anyone listing \\\\.\\pipe\\, so the pipes cannot be chosen by owner");
            }
            long uid = Users.uid(owner);
            p = p.and(l -> l.uid == uid);
        }
        if (name != null) {
            Pattern glob = glob(name);
            p = p.and(l -> glob.matcher(l.name).matches() || glob.matcher(l.ref()).matches());
        }
        return p;
    }

    /** Whether objects of one of these types can pass --type (always, without --type). */
    boolean mayInclude(String... listedTypes) {
        return types.isEmpty()
                || Arrays.stream(listedTypes).anyMatch(l -> types.stream().anyMatch(t -> typeMatches(l, t)));
    }

    /** posix-mq matches posix-mq, posix and mq; msg is sysv-msg's short name. */
    static boolean typeMatches(String type, String asked) {
        String a = asked.trim().toLowerCase();
        if (a.equals("msg")) {
            a = Listed.SYSV_MSG;
        }
        return type.equals(a) || type.startsWith(a + "-") || type.endsWith("-" + a);
    }

    /** A shell-like glob as a regular expression: * any run, ? one character, [...] a class. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else if (c == '[') {
                int end = glob.indexOf(']', i + 1);
                if (end < 0) {
                    throw CliException.usage("--name " + glob + ": '[' without ']'");
                }
                String set = glob.substring(i + 1, end).replace("\\", "\\\\");
                re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                i = end;
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
