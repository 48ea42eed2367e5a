/**
 * ipc4j: the operating system's own inter-process communication for Java, through JNI.
 *
 * <p>The module exports the API packages only. Its internal package ({@code io.github.ipc4j.internal}:
 * the native methods, raw memory access, the loader) is not exported, so no other module can reach the
 * raw memory or the native calls behind the API.
 *
 * <p>The native library comes from the platform's classifier jar ({@code ipc4j-<version>-<classifier>.jar}),
 * which holds no classes: put it on the class path (build tools do that for a jar no module requires).
 * On JDK 24 and later, run with {@code --enable-native-access=io.github.ipc4j}, as JEP 472 asks of every
 * module that loads a JNI library.
 */
module io.github.ipc4j {
    exports io.github.ipc4j;
    exports io.github.ipc4j.pipe;
    exports io.github.ipc4j.portable;
    exports io.github.ipc4j.posix;
    exports io.github.ipc4j.sealed;
    exports io.github.ipc4j.sysv;
    exports io.github.ipc4j.windows;
}
