package io.github.ipc4j.modular;

import io.github.ipc4j.portable.NamedMessageQueue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Uses ipc4j from a named module: checks that the library is the module io.github.ipc4j and that its internal
 * package stays closed, then starts a second JVM on the same module path that sends one message through a
 * NamedMessageQueue, and receives it. Prints "module path: ok" and exits 0 when all holds; exits 1 otherwise.
 * The second JVM gets the same JVM options (native access flags included) as this one.
 */
public final class ModularCheck {
    private static final String GREETING = "hello across the module path";

    private ModularCheck() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--send")) {
            try (NamedMessageQueue q = NamedMessageQueue.open(args[1], NamedMessageQueue.options())) {
                q.send(GREETING.getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        List<String> failures = new ArrayList<>();
        Module library = NamedMessageQueue.class.getModule();
        if (!library.isNamed() || !"io.github.ipc4j".equals(library.getName())) {
            failures.add("ipc4j is not the named module io.github.ipc4j but " + library);
        }
        if (library.isExported("io.github.ipc4j.internal")) {
            failures.add("io.github.ipc4j.internal is exported");
        }
        try {
            Class<?> memory = Class.forName("io.github.ipc4j.internal.NativeMemory");
            Method buffer = memory.getMethod("buffer", long.class, int.class);
            buffer.invoke(null, 0L, 0);
            failures.add("NativeMemory.buffer(long, int) is callable from another module");
        } catch (IllegalAccessException expected) {
            // the module does not export its internal package
        }
        String name = "modular-" + ProcessHandle.current().pid();
        try (NamedMessageQueue q = NamedMessageQueue.open(name,
                NamedMessageQueue.options().createNew().capacity(1).messageSize(64))) {
            Process peer = startPeer(name);
            ByteBuffer in = ByteBuffer.allocate(q.messageSize());
            int length = q.poll(in, Duration.ofSeconds(60));
            String got = length < 0 ? null : new String(in.array(), 0, length, StandardCharsets.UTF_8);
            if (!peer.waitFor(60, TimeUnit.SECONDS)) {
                peer.destroyForcibly();
                failures.add("the peer JVM did not finish within 60 s");
            } else if (peer.exitValue() != 0) {
                failures.add("the peer JVM exited with " + peer.exitValue());
            }
            if (!GREETING.equals(got)) {
                failures.add("received " + got + " instead of \"" + GREETING + "\"");
            }
        } finally {
            NamedMessageQueue.remove(name);
        }
        if (!failures.isEmpty()) {
            failures.forEach(f -> System.out.println("FAILED: " + f));
            System.exit(1);
        }
        System.out.println("module path: ok (" + Runtime.version() + ")");
    }

    /** The same java, JVM options, module path and class path, running this module's main with --send. */
    private static Process startPeer(String name) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-Djdk.module.")) { // how the launcher passes --module-path and --module
                command.add(option);
            }
        }
        command.addAll(List.of("--module-path", System.getProperty("jdk.module.path"),
                "--class-path", System.getProperty("java.class.path"),
                "--module", ModularCheck.class.getModule().getName() + "/" + ModularCheck.class.getName(),
                "--send", name));
        return new ProcessBuilder(command).inheritIO().start();
    }
}
