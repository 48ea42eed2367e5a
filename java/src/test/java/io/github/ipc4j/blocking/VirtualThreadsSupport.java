package io.github.ipc4j.blocking;

import java.lang.reflect.Method;

/** Virtual threads for tests compiled for Java 17: made through reflection, absent before JDK 21. */
public final class VirtualThreadsSupport {
    private VirtualThreadsSupport() {}

    public static boolean available() {
        try {
            Thread.class.getMethod("ofVirtual");
            return true;
        } catch (NoSuchMethodException beforeJdk21) {
            return false;
        }
    }

    /** A started virtual thread running body. */
    public static Thread start(String name, Runnable body) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class).invoke(builder, name);
            Method start = builderType.getMethod("start", Runnable.class);
            return (Thread) start.invoke(builder, body);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("virtual threads need JDK 21+", e);
        }
    }

    public static boolean isVirtual(Thread t) {
        try {
            return (boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
