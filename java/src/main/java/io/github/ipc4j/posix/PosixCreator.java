package io.github.ipc4j.posix;

import io.github.ipc4j.internal.CreatorRecords;

import java.util.OptionalLong;

/**
 * The process that created a POSIX message queue, named semaphore or shared memory object through ipc4j, as
 * ipc4j recorded it: the kernel keeps no creator of a POSIX object (unlike System V's creator pid), so a tool
 * can tell an object whose creator died from one in use only by such a record. Found by
 * {@link PosixMessageQueue#creator(String)}, {@link PosixSemaphore#creator(String)} and
 * {@link PosixSharedMemory#creator(String)}.
 *
 * <p>Linux only. When ipc4j creates an object it writes a small record to {@code /dev/shm/.ipc4j-<uid>/} (the
 * tmpfs where the objects live, so records go when the objects go, at reboot): the object's name and inode, the
 * creator's pid and the creator's start time, so that a pid reused by another process is not taken for the
 * creator. Unlinking through ipc4j removes the record. A record is trusted only when its directory belongs to
 * the object's owner and the inode and name still match the object. Objects that other programs created have no
 * record. Recording is best effort (it never fails a creation) and is turned off with
 * {@code -Dipc4j.creatorRecords=false} ({@link #RECORDING_PROPERTY}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid the creator's process id
 * @param startTime the creator's start time, in clock ticks after boot (field 22 of {@code /proc/<pid>/stat}):
 *                  a value to compare, not a time of day
 */
public record PosixCreator(long pid, long startTime) {
    /**
     * The system property that turns recording off when set to "false" (in this process: the objects it creates
     * have no creator). A tool whose objects should outlive it, as a shell command's do, sets it.
     */
    public static final String RECORDING_PROPERTY = CreatorRecords.PROPERTY;

    /**
     * A creator.
     *
     * @param pid the process id, more than 0
     * @param startTime the start time in clock ticks after boot, at least 0
     * @throws IllegalArgumentException pid or startTime is out of range
     */
    public PosixCreator {
        if (pid <= 0 || startTime < 0) {
            throw new IllegalArgumentException("a creator has a pid above 0 and a start time of at least 0, was pid "
                    + pid + ", start time " + startTime);
        }
    }

    /**
     * Whether the creator still runs: a process has its pid and it started at the recorded time (so a process
     * that was given the pid later is not taken for it).
     *
     * @return true when the creator runs now
     */
    public boolean isAlive() {
        OptionalLong now = CreatorRecords.startTime(pid);
        return now.isPresent() && now.getAsLong() == startTime;
    }

    /**
     * Deletes the records of objects that are gone (removed other than through ipc4j, for example by
     * {@code rm /dev/shm/name}): those in every user's record directory this process may write to.
     *
     * @return how many records were deleted
     * @throws UnsupportedOperationException not on Linux, where ipc4j keeps no records
     */
    public static int pruneRecords() {
        CreatorRecords.requireLinux("pruning the creator records");
        return CreatorRecords.prune();
    }
}
