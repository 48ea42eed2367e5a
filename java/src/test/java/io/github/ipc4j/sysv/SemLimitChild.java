package io.github.ipc4j.sysv;

import io.github.ipc4j.IpcException;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs in an IPC namespace of its own whose kernel.sem is small ("5 10 4 3": SEMMSL SEMMNS SEMOPM SEMMNI),
 * and prints, one line each, what reaching every limit throws: "<limit>: <exception class>: <message>".
 */
public final class SemLimitChild {
    private SemLimitChild() {}

    public static void main(String[] args) throws Exception {
        report("SEMMSL", () -> SysvSemaphoreSet.createPrivate(6));
        List<SysvSemaphoreSet> sets = new ArrayList<>();
        try {
            SysvSemaphoreSet five = SysvSemaphoreSet.createPrivate(5);
            sets.add(five);
            report("SEMOPM", () -> five.operation().add(0, 1).add(1, 1).add(2, 1).add(3, 1).add(4, 1).build());
            sets.add(SysvSemaphoreSet.createPrivate(5)); // 10 semaphores: SEMMNS reached
            report("SEMMNS", () -> SysvSemaphoreSet.createPrivate(1));
            sets.remove(1).remove();
            sets.add(SysvSemaphoreSet.createPrivate(1));
            sets.add(SysvSemaphoreSet.createPrivate(1)); // 3 sets: SEMMNI reached
            report("SEMMNI", () -> SysvSemaphoreSet.createPrivate(1));
        } finally {
            for (SysvSemaphoreSet set : sets) {
                set.remove();
                set.close();
            }
        }
    }

    private interface Call {
        Object run() throws Exception;
    }

    private static void report(String limit, Call call) {
        try {
            call.run();
            System.out.println(limit + ": no exception");
        } catch (IllegalArgumentException | IpcException e) {
            System.out.println(limit + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + (e instanceof IpcException ? " [limit=" + ((IpcException) e).limit() + "]" : ""));
        } catch (Exception e) {
            System.out.println(limit + ": unexpected " + e);
        }
    }
}
