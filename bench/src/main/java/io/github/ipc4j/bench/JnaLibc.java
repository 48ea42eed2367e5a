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

        static native long sem_open(String name, int flags);

        static native int sem_post(long sem);

        static native int sem_wait(long sem);

        static native int sem_close(long sem);

        static native int msgsnd(int id, long message, long size, int flags);

        static native long msgrcv(int id, long buffer, long size, long type, int flags);

        static native int semop(int id, long operations, long count);

        static native long shmat(int id, long address, int flags);

        static native int shmdt(long address);
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

    @Override
    public long semOpen(String name) {
        return C.sem_open(name, 0);
    }

    @Override
    public int semPost(long sem) {
        return C.sem_post(sem);
    }

    @Override
    public int semWait(long sem) {
        return C.sem_wait(sem);
    }

    @Override
    public int semClose(long sem) {
        return C.sem_close(sem);
    }

    @Override
    public int msgsnd(int id, long message, long size, int flags) {
        return C.msgsnd(id, message, size, flags);
    }

    @Override
    public long msgrcv(int id, long buffer, long size, long type, int flags) {
        return C.msgrcv(id, buffer, size, type, flags);
    }

    @Override
    public int semop(int id, long operations, long count) {
        return C.semop(id, operations, count);
    }

    @Override
    public long shmat(int id, long address, int flags) {
        return C.shmat(id, address, flags);
    }

    @Override
    public int shmdt(long address) {
        return C.shmdt(address);
    }

    @Override
    public ByteBuffer wrap(long address, int size) {
        return new Pointer(address).getByteBuffer(0, size);
    }

    /** JNA's way to shared memory: Pointer.getLong / setLong, one native call each. */
    @Override
    public Counters counters(ByteBuffer region) {
        Pointer base = Native.getDirectBufferPointer(region);
        return new Counters() {
            @Override
            public long getVolatile(int offset) {
                return base.getLong(offset);
            }

            @Override
            public void setVolatile(int offset, long value) {
                base.setLong(offset, value);
            }
        };
    }
}
