package io.github.ipc4j.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Threads for tests that block one thread and act on it from another. */
public final class Threads {
    private Threads() {}

    /** What a blocking call on another thread does. */
    public interface Call {
        Object run() throws Exception;
    }

    /** Runs call on a new daemon thread called name; the future holds its result or what it threw. */
    public static CompletableFuture<Object> onThread(String name, Call call) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                outcome.complete(call.run());
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return outcome;
    }

    /** What a call started by {@link #onThread} ended with, or "still blocked" when it has not within seconds. */
    public static Object endedWithin(CompletableFuture<Object> outcome, long seconds) throws InterruptedException {
        try {
            return outcome.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return "still blocked";
        } catch (ExecutionException e) {
            throw new AssertionError(e); // onThread completes normally, with the throwable as the value
        }
    }

    public static Thread named(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name));
    }

    /** Waits until the thread is inside method (a native wait, say), then a little longer. */
    public static void awaitBlockedIn(String threadName, String method) throws InterruptedException {
        Thread t = named(threadName);
        for (int i = 0; i < 500; i++) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getMethodName().equals(method)) {
                    Thread.sleep(30);
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError(threadName + " never blocked in " + method);
    }
}
