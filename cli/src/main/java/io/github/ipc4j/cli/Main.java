package io.github.ipc4j.cli;

import io.github.ipc4j.IpcException;
import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.posix.PosixCreator;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;

/**
 * ipc4j, the command: every IPC object of the machine listed, inspected, driven, watched, diagnosed and cleaned
 * up. Exit codes: 0 ok, 1 the operation failed, 2 the command line or its input was wrong.
 */
@Command(name = "ipc4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "See, create, send, receive, watch, diagnose and clean up the IPC objects of this machine.",
        subcommands = {LsCommand.class, StatCommand.class, RmCommand.class, MqCommand.class, MsgCommand.class,
            SemCommand.class, ShmCommand.class, PipeCommand.class, WatchCommand.class, DoctorCommand.class,
            GcCommand.class, BenchCommand.class, AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:the operation failed (the message says why)",
            "2:bad command line or input (the message says what is wrong)"},
        footer = {"", "OBJECT: [mq:|msg:|sem:|shm:|fifo:]BODY, BODY a POSIX name (/orders), a System V key (0x4950), "
            + "a System V id (32768) or a FIFO path; `ipc4j ls` prints each object's in its first column."})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command (ipc4j --help lists them)");
    }

    public static void main(String[] args) {
        // objects made from the shell are meant to outlive the command that made them: not abandoned when it exits
        if (System.getProperty(PosixCreator.RECORDING_PROPERTY) == null) {
            System.setProperty(PosixCreator.RECORDING_PROPERTY, "false");
        }
        System.exit(run(args));
    }

    /** Runs the tool and returns its exit code. */
    static int run(String... args) {
        return run(OsSupport.current(), args);
    }

    /**
     * Runs the tool as on os (the running system unless a test chose another): a command os cannot run ends
     * with one line naming the system and what it lacks, and exit code 1, before it starts.
     */
    static int run(OperatingSystem os, String... args) {
        OsSupport.use(os);
        CommandLine cl = new CommandLine(new Main());
        cl.registerConverter(Duration.class, Main::duration);
        cl.setExecutionExceptionHandler((e, line, parsed) -> report(e, line));
        IExecutionStrategy runLast = new CommandLine.RunLast();
        cl.setExecutionStrategy(parsed -> {
            StringBuilder path = new StringBuilder();
            for (ParseResult p = parsed.subcommand(); p != null; p = p.subcommand()) {
                if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
                    return runLast.execute(parsed); // help works everywhere
                }
                path.append(path.length() == 0 ? "" : " ").append(p.commandSpec().name());
            }
            String lacking = OsSupport.lacking(os, path.toString());
            if (lacking == null) {
                return runLast.execute(parsed);
            }
            cl.getErr().println(cl.getColorScheme().errorText("ipc4j " + path + ": " + lacking));
            cl.getErr().flush();
            return CliException.FAILURE;
        });
        return cl.execute(args);
    }

    /** One line on stderr and the exit code: never a stack trace (IPC4J_DEBUG=1 prints it too). */
    private static int report(Exception e, CommandLine line) {
        if ("1".equals(System.getenv("IPC4J_DEBUG"))) {
            e.printStackTrace();
        }
        System.out.flush();
        String message;
        int code = CliException.FAILURE;
        if (e instanceof CliException) {
            message = e.getMessage();
            code = ((CliException) e).exitCode();
        } else if (e instanceof ParameterException) {
            throw (ParameterException) e;
        } else if (e instanceof IllegalArgumentException || e instanceof NullPointerException) {
            message = e.getMessage(); // the library's check of an argument, before any system call
            code = CliException.USAGE;
        } else if (e instanceof NoSuchFileException) {
            message = "no such object: " + describe((NoSuchFileException) e);
        } else if (e instanceof FileAlreadyExistsException) {
            message = "already exists: " + describe((FileAlreadyExistsException) e);
        } else if (e instanceof AccessDeniedException) {
            message = "permission denied: " + describe((AccessDeniedException) e);
        } else if (e instanceof IpcException || e instanceof IOException || e instanceof UnsupportedOperationException
                || e instanceof IllegalStateException) {
            message = e.getMessage();
        } else if (e instanceof InterruptedException) {
            message = "interrupted";
        } else {
            message = "internal error: " + e;
        }
        line.getErr().println(line.getColorScheme().errorText(line.getCommandSpec().qualifiedName() + ": " + message));
        return code;
    }

    private static String describe(java.nio.file.FileSystemException e) {
        return e.getFile() + (e.getReason() == null ? "" : " (" + e.getReason() + ")");
    }

    /** "500ms", "2s", "1m", "1h", a plain number of seconds, or ISO-8601 (PT2S). */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase();
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(text);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
            }
            if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
        } catch (RuntimeException e) {
            throw new CommandLine.TypeConversionException("'" + text
                    + "' is not a duration: say 500ms, 2s, 1.5s, 1m, 1h or PT2S");
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ipc4j " + (v == null ? "(development build)" : v)};
        }
    }
}
