package io.github.ipc4j;

import io.github.ipc4j.internal.NativeCommon;

/** Things an OS may or may not have; {@link Platform#supports(Feature)} answers for the running one. */
public enum Feature {
    POSIX_MESSAGE_QUEUE("mq_open", NativeCommon.CAP_POSIX_MQ),
    POSIX_MESSAGE_QUEUE_NOTIFY("mq_notify", NativeCommon.CAP_MQ_NOTIFY);

    private final String call;
    private final int capability;

    Feature(String call, int capability) {
        this.call = call;
        this.capability = capability;
    }

    /** The OS call that provides the feature. */
    public String call() {
        return call;
    }

    int capability() {
        return capability;
    }
}
