package io.github.ipc4j.windows;

import java.io.IOException;

/**
 * The next message does not fit the buffer given to read it. Nothing was consumed: the message is
 * still the next one, and a read with at least {@link #messageSize()} bytes of room gets it whole.
 */
public class MessageTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long messageSize;

    public MessageTooLargeException(String objectName, long messageSize, int room) {
        super("the next message on " + objectName + " is " + messageSize + " bytes, more than the " + room
                + " bytes remaining in the buffer; it was not consumed: read again with at least " + messageSize
                + " bytes of room");
        this.messageSize = messageSize;
    }

    /** The size of the message that did not fit. */
    public long messageSize() {
        return messageSize;
    }
}
