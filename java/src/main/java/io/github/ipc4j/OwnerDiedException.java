package io.github.ipc4j;

/**
 * The lock was taken, but its previous holder died holding it: the data it guards may be half-written.
 * The caller holds the lock now; it should repair the data, call {@link RobustLock#markConsistent()},
 * then {@link RobustLock#unlock()}. Unlocking without marking the state consistent makes the lock
 * unusable for every process ({@link RobustLock#lock()} then throws until it is initialized again).
 */
public final class OwnerDiedException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * The lock was taken, but its previous holder died holding it.
     *
     * @param lockDescription the lock, for the message
     */
    public OwnerDiedException(String lockDescription) {
        super(lockDescription + ": taken, but its previous holder died holding it; repair the guarded data, "
                + "then markConsistent() and unlock()");
    }
}
