package io.github.ipc4j.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Signals aimed at one thread of this JVM (Linux): for tests that a storm of them changes no result. */
public final class Signals {
    private Signals() {}

    /** The Linux thread id of the Java thread called name (HotSpot names native threads after Java ones). */
    public static String nativeTid(String name) throws InterruptedException {
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        for (int i = 0; i < 100; i++) {
            File[] tasks = new File("/proc/self/task").listFiles();
            for (File task : tasks == null ? new File[0] : tasks) {
                Path file = task.toPath().resolve("comm");
                try {
                    if (Files.readString(file).trim().equals(comm)) {
                        return task.getName();
                    }
                } catch (IOException gone) {
                    // the task ended while we looked
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no native thread named " + name);
    }

    /** Sends count SIGWINCH to thread tid from a shell (kill(2) with a thread id reaches that thread). */
    public static Process storm(String tid, int count) throws IOException {
        return new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt " + count + " ]; do kill -WINCH " + tid
                + " 2>/dev/null || exit 0; i=$((i+1)); done").inheritIO().start();
    }

    /**
     * Truncates the file at path to 0 bytes, then stops this process and continues it (SIGSTOP and SIGCONT from a
     * shell): the kernel restarts every wait a thread of it was in, and a futex wait reads its word again.
     */
    public static void truncateThenStopAndContinue(String path) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        int code = new ProcessBuilder("sh", "-c", ": > " + path + " && kill -STOP " + pid + " && kill -CONT " + pid)
                .inheritIO().start().waitFor();
        if (code != 0) {
            throw new AssertionError("truncate, stop and continue: exit " + code);
        }
    }
}
