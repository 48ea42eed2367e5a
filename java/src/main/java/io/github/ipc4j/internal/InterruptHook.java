package io.github.ipc4j.internal;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.spi.AbstractSelectableChannel;
import java.nio.channels.spi.AbstractSelector;
import java.nio.channels.spi.SelectorProvider;
import java.util.Set;

/**
 * Thread.interrupt() does not reach a thread blocked in native code. The one public hook that it does
 * call is {@link AbstractSelector#begin()}: between begin() and end() an interrupt invokes the
 * selector's {@link #wakeup()}. A subclass is a selector only for that hook: {@link #wake()} says what
 * an interrupt does to the native wait of its thread (signal a descriptor, set an event, ...).
 */
public abstract class InterruptHook extends AbstractSelector {
    protected InterruptHook() {
        super(SelectorProvider.provider());
    }

    /** Makes the thread's native wait return; called by an interrupt (and by anyone who must wake it). */
    protected abstract void wake();

    /** Call before a native wait; an interrupt from now until {@link #endBlocking()} calls {@link #wake()}. */
    public final void beginBlocking() {
        begin();
    }

    public final void endBlocking() {
        end();
    }

    @Override
    public final Selector wakeup() {
        wake();
        return this;
    }

    @Override
    protected final void implCloseSelector() {
        // never closed: it lives as long as its thread
    }

    @Override
    protected final SelectionKey register(AbstractSelectableChannel ch, int ops, Object att) {
        throw notASelector();
    }

    @Override
    public final Set<SelectionKey> keys() {
        throw notASelector();
    }

    @Override
    public final Set<SelectionKey> selectedKeys() {
        throw notASelector();
    }

    @Override
    public final int selectNow() throws IOException {
        throw notASelector();
    }

    @Override
    public final int select(long timeout) throws IOException {
        throw notASelector();
    }

    @Override
    public final int select() throws IOException {
        throw notASelector();
    }

    private UnsupportedOperationException notASelector() {
        return new UnsupportedOperationException("ipc4j " + getClass().getSimpleName()
                + " only wakes its thread; it selects nothing");
    }
}
