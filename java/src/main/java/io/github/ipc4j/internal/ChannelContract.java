package io.github.ipc4j.internal;

import io.github.ipc4j.IpcClosedException;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;

/**
 * The exceptions that {@link java.nio.channels.ReadableByteChannel#read} and
 * {@link java.nio.channels.WritableByteChannel#write} promise, for the ipc4j types that implement them: one
 * place that turns the library's closed and interrupted outcomes into the NIO ones.
 */
public final class ChannelContract {
    private ChannelContract() {}

    /**
     * ClosedChannelException for a call on a closed channel, AsynchronousCloseException (a subclass) when
     * another thread closed it while this one was blocked; the IpcClosedException is the cause.
     */
    public static ClosedChannelException closed(IpcClosedException e) {
        ClosedChannelException nio = e.closedWhileBlocked() ? new AsynchronousCloseException()
                : new ClosedChannelException();
        nio.initCause(e);
        return nio;
    }

    /**
     * What an interrupt of a blocked channel call becomes: the channel is closed, the thread's interrupt
     * status is set again, and the call throws ClosedByInterruptException.
     */
    public static ClosedByInterruptException interrupted(Channel channel, InterruptedException e) {
        try {
            channel.close();
        } catch (java.io.IOException | RuntimeException ignored) {
            // closing is best effort here; the interrupt is what the caller must learn
        }
        Thread.currentThread().interrupt();
        ClosedByInterruptException nio = new ClosedByInterruptException();
        nio.initCause(e);
        return nio;
    }
}
