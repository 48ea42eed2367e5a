package io.github.ipc4j;

import io.github.ipc4j.internal.NativeCommon;
import io.github.ipc4j.internal.NativeLoader;
import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;

import java.nio.ByteBuffer;

/**
 * What ipc4j finds on this machine: {@code java -cp ipc4j.jar:ipc4j-<platform>.jar io.github.ipc4j.Ipc4j}
 * prints the version, the platform, the library it loaded and the features the OS has, then makes one
 * round trip through a POSIX message queue where the OS has them. Exits 1 when the library cannot load.
 *
 * <p>Thread-safe: static methods only, each call independent.
 */
public final class Ipc4j {
    private Ipc4j() {}

    /**
     * Prints what ipc4j finds on this machine; exits 1 when the library cannot load.
     *
     * @param args none are read
     * @throws Exception the round trip through a POSIX message queue failed
     */
    public static void main(String[] args) throws Exception {
        System.out.println("ipc4j " + NativeLoader.javaVersion() + " on " + Platform.classifier());
        try {
            NativeCommon.ensureLoaded();
        } catch (UnsatisfiedLinkError e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
        System.out.println("library: " + NativeCommon.libraryPath());
        for (Feature feature : Feature.values()) {
            System.out.println((Platform.supports(feature) ? "  has    " : "  lacks  ") + feature.description()
                    + " (" + feature.call() + ")");
        }
        if (Platform.supports(Feature.POSIX_MESSAGE_QUEUE)) {
            try (PosixMessageQueue q = PosixMessageQueue.createUnique(PosixMqOptions.options().maxMessages(1)
                    .messageSize(16))) {
                try {
                    q.send(new byte[] {42}, 1);
                    ByteBuffer buf = ByteBuffer.allocate(16);
                    int priority = q.receive(buf);
                    System.out.println("POSIX message queue round trip: " + (buf.get(0) == 42 && priority == 1
                            ? "ok" : "WRONG"));
                } finally {
                    q.unlink();
                }
            }
        }
    }
}
