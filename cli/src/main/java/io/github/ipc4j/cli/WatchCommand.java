package io.github.ipc4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * ipc4j watch: the objects refreshed in place, the most recently active first. Activity is what changed between
 * two looks (bytes, messages, values, attachments, last pid) or, before any change was seen, the kernel's last
 * operation time. On a terminal it draws on the alternate screen and gives the screen back on Ctrl-C (exit 0);
 * otherwise it prints one table per refresh.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"A live view of the objects, the most active first; Ctrl-C quits.", "",
            "Counts, depths, bytes and pids refreshed every --interval; CHANGED is how long ago this view last saw",
            "the object change (or the kernel's last operation, before that)."})
final class WatchCommand implements Callable<Integer> {
    private static final String ALTERNATE_SCREEN = "\033[?1049h";
    private static final String NORMAL_SCREEN = "\033[?1049l";
    private static final String HIDE_CURSOR = "\033[?25l";
    private static final String SHOW_CURSOR = "\033[?25h";
    private static final String HOME_AND_CLEAR = "\033[H\033[2J";

    @Mixin
    Filters filters;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", description = "Time between refreshes (default 1s).")
    Duration interval = Duration.ofSeconds(1);

    @Option(names = "--iterations", paramLabel = "N", description = "Stop after N refreshes (default: until Ctrl-C).")
    long iterations;

    @Option(names = "--rows", paramLabel = "N", description = "Objects shown at most (default: what the terminal holds).")
    int rows;

    private volatile boolean stopped;

    /** What an object looked like last time, and when this view last saw it change. */
    private static final class Seen {
        String state;
        Instant changed;
        long changes;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (interval.compareTo(Duration.ofMillis(50)) < 0) {
            throw CliException.usage("--interval must be at least 50ms, was " + interval.toMillis() + "ms");
        }
        if (iterations < 0 || rows < 0) {
            throw CliException.usage("--iterations and --rows must not be negative");
        }
        filters.predicate(); // a bad filter is a usage error before the screen is taken
        boolean terminal = System.console() != null;
        int shown = rows > 0 ? rows : Math.max(5, terminalRows() - 4);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Thread main = Thread.currentThread();
        onSignal("INT", main);
        onSignal("TERM", main);
        Map<String, Seen> seen = new HashMap<>();
        if (terminal) {
            out.print(ALTERNATE_SCREEN + HIDE_CURSOR);
        }
        try {
            for (long n = 0; !stopped && (iterations == 0 || n < iterations); n++) {
                String frame = frame(filters.select(), seen, shown);
                out.print(terminal ? HOME_AND_CLEAR + frame : frame + "\n");
                out.flush();
                if (iterations == 0 || n + 1 < iterations) {
                    Thread.sleep(interval.toMillis());
                }
            }
        } catch (InterruptedException e) {
            // Ctrl-C (or TERM): leave as asked
        } finally {
            if (terminal) {
                out.print(SHOW_CURSOR + NORMAL_SCREEN);
            }
            out.flush();
        }
        if (stopped) {
            System.err.println("ipc4j watch: stopped");
        }
        return CliException.OK;
    }

    /** Ctrl-C and TERM stop the loop instead of the JVM, so the screen is given back before exiting. */
    @SuppressWarnings("removal")
    private void onSignal(String name, Thread main) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> {
                stopped = true;
                main.interrupt();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // this JVM does not let us: the default (exit) applies
        }
    }

    private String frame(List<Listed> objects, Map<String, Seen> seen, int shown) {
        Instant now = Instant.now();
        for (Listed l : objects) {
            String state = l.size + "/" + l.count + "/" + l.lastPid + "/" + l.lastActivity + "/" + l.details.get("values");
            Seen s = seen.computeIfAbsent(key(l), k -> new Seen());
            if (s.state != null && !s.state.equals(state)) {
                s.changed = now;
                s.changes++;
            }
            s.state = state;
        }
        Comparator<Listed> byActivity = Comparator.comparing((Listed l) -> activity(l, seen)).reversed()
                .thenComparing(l -> l.ref());
        objects.sort(byActivity);
        Table t = new Table("OBJECT", "TYPE", "OWNER", "SIZE>", "COUNT>", "CHANGES>", "LPID>", "CHANGED>");
        for (Listed l : objects.subList(0, Math.min(shown, objects.size()))) {
            Seen s = seen.get(key(l));
            Instant last = activity(l, seen);
            t.row(l.ref(), l.type, l.owner(), l.size < 0 ? null : l.size, l.count < 0 ? null : l.count,
                    s.changes, Listed.pid(l.lastPid, l.lastAlive), last.equals(Instant.EPOCH) ? null : ago(now, last));
        }
        String header = "ipc4j watch  " + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "  every "
                + interval.toMillis() + " ms  " + objects.size() + " objects" + (objects.size() > shown ? " ("
                + shown + " shown)" : "") + "  Ctrl-C quits\n\n";
        return header + t;
    }

    private static String key(Listed l) {
        return l.type + " " + l.name + " " + l.id;
    }

    private static Instant activity(Listed l, Map<String, Seen> seen) {
        Seen s = seen.get(key(l));
        if (s != null && s.changed != null) {
            return s.changed;
        }
        return l.lastActivity == null ? Instant.EPOCH : l.lastActivity;
    }

    private static String ago(Instant now, Instant then) {
        long s = Math.max(0, Duration.between(then, now).getSeconds());
        if (s < 60) {
            return s + "s ago";
        }
        if (s < 3600) {
            return s / 60 + "m ago";
        }
        if (s < 86400) {
            return s / 3600 + "h ago";
        }
        return s / 86400 + "d ago";
    }

    /** The terminal's height (stty size on /dev/tty), 24 when it cannot be told. */
    private static int terminalRows() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty").redirectErrorStream(true).start();
            String[] size = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split(" ");
            return p.waitFor() == 0 ? Integer.parseInt(size[0]) : 24;
        } catch (Exception e) {
            return 24;
        }
    }
}
