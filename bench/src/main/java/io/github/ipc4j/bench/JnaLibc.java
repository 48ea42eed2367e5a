package io.github.ipc4j.bench;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;

/** {@link Libc} through JNA direct mapping (Native.register: static natives, JNA's fastest form). */
public final class JnaLibc implements Libc {
    public static final JnaLibc INSTANCE = new JnaLibc();

    private JnaLibc() {}

    /** The functions, named as in C. librt: glibc before 2.34 keeps mq_* there (later it forwards to libc). */
    private static final class C {
        static {
            Native.register(C.class, "rt");
        }

        static native int mq_open(String name, int flags);

        static native int mq_send(int mqd, long message, long length, int priority);

        static native long mq_receive(int mqd, long buffer, long capacity, long priority);

        static native int mq_close(int mqd);

        static native int open(String path, int flags);

        static native long read(int fd, long buffer, long count);

        static native long write(int fd, long buffer, long count);

        static native int fcntl(int fd, int command, int argument);

        static native int close(int fd);
    }

    @Override
    public long address(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    @Override
    public int errno() {
        return Native.getLastError();
    }

    @Override
    public int mqOpen(String name, int flags) {
        return C.mq_open(name, flags);
    }

    @Override
    public int mqSend(int mqd, long message, long length, int priority) {
        return C.mq_send(mqd, message, length, priority);
    }

    @Override
    public long mqReceive(int mqd, long buffer, long capacity) {
        return C.mq_receive(mqd, buffer, capacity, 0L);
    }

    @Override
    public int mqClose(int mqd) {
        return C.mq_close(mqd);
    }

    @Override
    public int open(String path, int flags) {
        return C.open(path, flags);
    }

    @Override
    public long read(int fd, long buffer, long count) {
        return C.read(fd, buffer, count);
    }

    @Override
    public long write(int fd, long buffer, long count) {
        return C.write(fd, buffer, count);
    }

    @Override
    public int fcntl(int fd, int command, int argument) {
        return C.fcntl(fd, command, argument);
    }

    @Override
    public int close(int fd) {
        return C.close(fd);
    }
}
