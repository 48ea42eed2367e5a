package io.github.ipc4j.bench.ffm;

import io.github.ipc4j.bench.Counters;
import io.github.ipc4j.bench.Libc;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * {@link Libc} through the JDK's FFM API (JDK 22+): one downcall handle per function in a static final
 * field (so invokeExact inlines), errno captured by the linker (as JNA and ipc4j capture it) into one
 * segment: the suite calls a binding from one thread per JVM.
 */
public final class FfmLibc implements Libc {
    public static final FfmLibc INSTANCE = new FfmLibc();

    private static final Linker LINKER = Linker.nativeLinker();
    /** glibc before 2.34 keeps mq_* in librt; later the default lookup (libc) has them. */
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup().or(rt());
    private static final StructLayout STATE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MemorySegment STATE = Arena.global().allocate(STATE_LAYOUT);

    private static final MethodHandle MQ_OPEN = handle("mq_open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MQ_SEND = handle("mq_send",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MQ_RECEIVE = handle("mq_receive",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle MQ_CLOSE = handle("mq_close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle OPEN = handle("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle READ = handle("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle WRITE = handle("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle FCNTL = LINKER.downcallHandle(find("fcntl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            Linker.Option.captureCallState("errno"), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle SEM_OPEN = handle("sem_open", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_INT));
    private static final MethodHandle SEM_POST = handle("sem_post", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    private static final MethodHandle SEM_WAIT = handle("sem_wait", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    private static final MethodHandle SEM_CLOSE = handle("sem_close", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    private static final MethodHandle MSGSND = handle("msgsnd",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MSGRCV = handle("msgrcv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SEMOP = handle("semop",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle SHMAT = handle("shmat",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SHMDT = handle("shmdt", FunctionDescriptor.of(JAVA_INT, JAVA_LONG));
    /** FFM's way to shared memory: a volatile access through a var handle on a segment. */
    private static final VarHandle LONGS = JAVA_LONG.varHandle();

    private FfmLibc() {}

    private static SymbolLookup rt() {
        try {
            return SymbolLookup.libraryLookup("librt.so.1", Arena.global());
        } catch (IllegalArgumentException e) {
            return name -> Optional.empty();
        }
    }

    private static MemorySegment find(String name) {
        return LOOKUP.find(name).orElseThrow(() -> new IllegalStateException("no symbol " + name));
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(find(name), descriptor, Linker.Option.captureCallState("errno"));
    }

    private static MemorySegment string(String s) {
        return Arena.ofAuto().allocateFrom(s);
    }

    private static IllegalStateException failed(Throwable t) {
        return new IllegalStateException("FFM downcall failed", t);
    }

    @Override
    public long address(ByteBuffer direct) {
        return MemorySegment.ofBuffer(direct).address() - direct.position(); // the segment starts at the position
    }

    @Override
    public int errno() {
        return (int) ERRNO.get(STATE, 0L);
    }

    @Override
    public int mqOpen(String name, int flags) {
        try {
            return (int) MQ_OPEN.invokeExact(STATE, string(name), flags);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int mqSend(int mqd, long message, long length, int priority) {
        try {
            return (int) MQ_SEND.invokeExact(STATE, mqd, message, length, priority);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public long mqReceive(int mqd, long buffer, long capacity) {
        try {
            return (long) MQ_RECEIVE.invokeExact(STATE, mqd, buffer, capacity, 0L);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int mqClose(int mqd) {
        try {
            return (int) MQ_CLOSE.invokeExact(STATE, mqd);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int open(String path, int flags) {
        try {
            return (int) OPEN.invokeExact(STATE, string(path), flags);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public long read(int fd, long buffer, long count) {
        try {
            return (long) READ.invokeExact(STATE, fd, buffer, count);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public long write(int fd, long buffer, long count) {
        try {
            return (long) WRITE.invokeExact(STATE, fd, buffer, count);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int fcntl(int fd, int command, int argument) {
        try {
            return (int) FCNTL.invokeExact(STATE, fd, command, argument);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(STATE, fd);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public long semOpen(String name) {
        try {
            return (long) SEM_OPEN.invokeExact(STATE, string(name), 0);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int semPost(long sem) {
        try {
            return (int) SEM_POST.invokeExact(STATE, sem);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int semWait(long sem) {
        try {
            return (int) SEM_WAIT.invokeExact(STATE, sem);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int semClose(long sem) {
        try {
            return (int) SEM_CLOSE.invokeExact(STATE, sem);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int msgsnd(int id, long message, long size, int flags) {
        try {
            return (int) MSGSND.invokeExact(STATE, id, message, size, flags);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public long msgrcv(int id, long buffer, long size, long type, int flags) {
        try {
            return (long) MSGRCV.invokeExact(STATE, id, buffer, size, type, flags);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int semop(int id, long operations, long count) {
        try {
            return (int) SEMOP.invokeExact(STATE, id, operations, count);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public long shmat(int id, long address, int flags) {
        try {
            return (long) SHMAT.invokeExact(STATE, id, address, flags);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public int shmdt(long address) {
        try {
            return (int) SHMDT.invokeExact(STATE, address);
        } catch (Throwable t) {
            throw failed(t);
        }
    }

    @Override
    public ByteBuffer wrap(long address, int size) {
        return MemorySegment.ofAddress(address).reinterpret(size).asByteBuffer();
    }

    @Override
    public Counters counters(ByteBuffer region) {
        MemorySegment segment = MemorySegment.ofBuffer(region);
        return new Counters() {
            @Override
            public long getVolatile(int offset) {
                return (long) LONGS.getVolatile(segment, (long) offset);
            }

            @Override
            public void setVolatile(int offset, long value) {
                LONGS.setVolatile(segment, (long) offset, value);
            }
        };
    }
}
