package io.github.ipc4j.cli;

import io.github.ipc4j.Access;
import io.github.ipc4j.pipe.Fifo;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixSemaphore;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.SysvSemaphoreSet;
import io.github.ipc4j.sysv.SysvSharedMemory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

/** Removes a listed object through the library (unlink, IPC_RMID, delete), asking first when asked to. */
final class Remover {
    private static BufferedReader stdin;
    /** The stream stdin reads: a new System.in (a test's) gets a new reader. */
    private static InputStream stdinSource;

    private Remover() {}

    static void remove(Listed l) throws IOException {
        switch (l.type) {
            case Listed.POSIX_MQ:
                PosixMessageQueue.unlink(l.name);
                break;
            case Listed.POSIX_SEM:
                PosixSemaphore.unlink(l.name);
                break;
            case Listed.POSIX_SHM:
                PosixSharedMemory.unlink(l.name);
                break;
            case Listed.SYSV_MSG:
                try (SysvMessageQueue q = SysvMessageQueue.ofId(l.id)) {
                    q.remove();
                }
                break;
            case Listed.SYSV_SEM:
                try (SysvSemaphoreSet s = SysvSemaphoreSet.ofId(l.id)) {
                    s.remove();
                }
                break;
            case Listed.SYSV_SHM:
                try (SysvSharedMemory m = SysvSharedMemory.ofId(l.id, Access.READ_ONLY)) {
                    m.remove();
                }
                break;
            default:
                Fifo.delete(Paths.get(l.name));
        }
    }

    /** Asks on stderr, reads the answer from stdin: true for y or yes. No answer (end of input) is no. */
    static synchronized boolean confirm(String question) {
        System.err.print(question + " [y/N] ");
        System.err.flush();
        try {
            if (stdin == null || stdinSource != System.in) {
                stdinSource = System.in;
                stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            String answer = stdin.readLine();
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }
}
