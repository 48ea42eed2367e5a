package io.github.ipc4j.windows;

import java.io.IOException;

/**
 * The next message does not fit the buffer given to read it. Nothing was consumed: the message is
 * still the next one, and a read with at least {@link #messageSize()} bytes of room gets it whole.
 */
public class MessageTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The size of the message that did not fit, in bytes. */
    private final long messageSize;

    /**
     * The next message does not fit the buffer; it was not consumed.
     *
     * @param objectName the pipe or mailslot, for the message
     * @param messageSize the size of the message that did not fit
     * @param room the bytes the buffer had remaining
     */
    public MessageTooLargeException(String objectName, long messageSize, int room) {
        super("the next message on " + objectName + " is " + messageSize + " bytes, more than the " + room
                + " bytes remaining in the buffer; it was not consumed: read again with at least " + messageSize
                + " bytes of room");
        this.messageSize = messageSize;
    }

    /**
     * The size of the message that did not fit.
     *
     * @return its size in bytes
     */
    public long messageSize() {
        return messageSize;
    }
}
