package io.github.ipc4j.blocking;

import io.github.ipc4j.sysv.SysvMessageQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * ipc4j loaded by two class loaders at once, each with its own copy of the native library (issue 10,
 * defect 4): both block and get interrupted; the first, once dropped, is collected (nothing of ipc4j's
 * keeps its loader reachable: no thread-local, no strong JNI reference) and the second keeps working,
 * its wake signal handled although the copy that installed the handler is gone from Java's view.
 */
@EnabledOnOs(OS.LINUX)
class ClassLoaderTest {

    /** Runs in the given loader: creates a queue, blocks a receive, interrupts it; returns the outcome. */
    public static final class Exercise {
        public static String run() throws Exception {
            SysvMessageQueue q = SysvMessageQueue.createPrivate();
            try {
                String[] result = new String[1];
                Thread t = new Thread(() -> {
                    try {
                        q.receive(java.nio.ByteBuffer.allocateDirect(16), io.github.ipc4j.sysv.TypeSelector.ANY);
                        result[0] = "received";
                    } catch (Exception e) {
                        result[0] = e.getClass().getSimpleName();
                    }
                });
                t.start();
                Thread.sleep(150);
                t.interrupt();
                t.join(20_000);
                return t.isAlive() ? "still blocked" : result[0];
            } finally {
                q.remove();
                q.close();
            }
        }
    }

    private static URLClassLoader newLoader() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.contains("junit") && !entry.contains("opentest4j") && !entry.contains("apiguardian")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static String exercise(ClassLoader loader) throws Exception {
        Class<?> c = Class.forName(Exercise.class.getName(), true, loader);
        Method run = c.getMethod("run");
        return (String) run.invoke(null);
    }

    @Test
    void aDroppedLoaderIsCollectedAndAnotherKeepsWorking() throws Exception {
        WeakReference<ClassLoader> first = useAndDrop();
        URLClassLoader second = newLoader();
        assertEquals("InterruptedException", exercise(second));
        for (int i = 0; i < 100 && first.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertNull(first.get(), "the dropped class loader is still reachable");
        assertEquals("InterruptedException", exercise(second), "the second loader stopped working");
        second.close();
    }

    private static WeakReference<ClassLoader> useAndDrop() throws Exception {
        URLClassLoader loader = newLoader();
        assertEquals("InterruptedException", exercise(loader));
        loader.close();
        return new WeakReference<>(loader);
    }
}
