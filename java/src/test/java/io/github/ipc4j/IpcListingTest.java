package io.github.ipc4j;

import io.github.ipc4j.posix.PosixMessageQueue;
import io.github.ipc4j.posix.PosixMqOptions;
import io.github.ipc4j.posix.PosixSharedMemory;
import io.github.ipc4j.posix.PosixShmOptions;
import io.github.ipc4j.sysv.SysvMessageQueue;
import io.github.ipc4j.sysv.SysvMsgQueueStatus;
import io.github.ipc4j.sysv.SysvSemStatus;
import io.github.ipc4j.sysv.SysvSharedMemory;
import io.github.ipc4j.sysv.SysvShmStatus;
import io.github.ipc4j.testing.ChildJvm;
import io.github.ipc4j.testing.PosixQueues;
import io.github.ipc4j.testing.SysvQueues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listing against what ipcs (util-linux) prints for the same objects: System V queues (made here),
 * semaphore sets and segments (made by ipcmk, another program), and the POSIX objects in /dev.
 */
@EnabledOnOs(OS.LINUX)
class IpcListingTest {
    private final SysvQueues queues = new SysvQueues();
    private final PosixQueues posixQueues = new PosixQueues();
    private final List<String[]> ipcrm = new ArrayList<>();

    @AfterEach
    void removeObjects() throws Exception {
        queues.close();
        posixQueues.close();
        for (String[] remove : ipcrm) {
            run("ipcrm", remove[0], remove[1]); // fails harmlessly when already gone
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    /** ipcmk's "... id: N" */
    private int ipcmk(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ipcmk"));
        command.addAll(List.of(args));
        String out = run(command.toArray(new String[0]));
        Matcher m = Pattern.compile("id: (\\d+)").matcher(out);
        assertTrue(m.find(), out);
        int id = Integer.parseInt(m.group(1));
        ipcrm.add(new String[] {args[0].equals("-S") ? "-s" : "-m", String.valueOf(id)});
        return id;
    }

    /** The rows ipcs prints for one kind (-q, -s, -m), by id: the columns after the header. */
    private static Map<Integer, String[]> ipcs(String kind) throws Exception {
        Map<Integer, String[]> rows = new HashMap<>();
        for (String line : run("ipcs", kind).split("\n")) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length >= 5 && columns[0].startsWith("0x")) {
                rows.put(Integer.parseInt(columns[1]), columns);
            }
        }
        return rows;
    }

    private static String userName(long uid) throws Exception {
        String name = run("id", "-nu", String.valueOf(uid)).trim();
        return name.isEmpty() || name.contains(" ") ? String.valueOf(uid) : name;
    }

    @Test
    void sysvObjectsAreListedAsIpcsShowsThem() throws Exception {
        try (SysvMessageQueue q = queues.create(io.github.ipc4j.sysv.SysvMqOptions.options().mode(0640))) {
            q.send(new byte[3], 1);
            q.send(new byte[5], 2);
            int semId = ipcmk("-S", "3", "-p", "0604");
            int shmId = ipcmk("-M", "8192", "-p", "0660");

            IpcListing listing = IpcListing.take();
            Map<Integer, String[]> queueRows = ipcs("-q");
            Map<Integer, String[]> semRows = ipcs("-s");
            Map<Integer, String[]> shmRows = ipcs("-m");

            SysvMsgQueueStatus listed = listing.sysvMessageQueues().stream().filter(s -> s.id() == q.id())
                    .findFirst().orElseThrow(() -> new AssertionError("queue " + q.id() + " not listed:\n" + listing));
            String[] row = queueRows.get(q.id());
            assertTrue(row != null, "ipcs shows queue " + q.id());
            // key msqid owner perms used-bytes messages
            assertEquals(row[0], listed.key().toString());
            assertEquals(q.key(), listed.key());
            assertEquals(row[2], userName(listed.ownerUid()));
            assertEquals(row[3], Integer.toOctalString(listed.mode()));
            assertEquals(Long.parseLong(row[4]), listed.bytes());
            assertEquals(Long.parseLong(row[5]), listed.messages());
            assertEquals(8, listed.bytes());
            assertEquals(2, listed.messages());
            assertEquals(ProcessHandle.current().pid(), listed.lastSenderPid());
            assertEquals(-1, listed.maxBytes(), "the listing does not carry it");

            SysvSemStatus sem = listing.sysvSemaphoreSets().stream().filter(s -> s.id() == semId).findFirst()
                    .orElseThrow(() -> new AssertionError("semaphore set " + semId + " not listed:\n" + listing));
            row = semRows.get(semId);
            // key semid owner perms nsems
            assertEquals(row[0], sem.key().toString());
            assertEquals(row[2], userName(sem.ownerUid()));
            assertEquals(row[3], Integer.toOctalString(sem.mode()));
            assertEquals(0604, sem.mode());
            assertEquals(Integer.parseInt(row[4]), sem.semaphores());
            assertEquals(3, sem.semaphores());

            SysvShmStatus shm = listing.sysvSharedMemory().stream().filter(s -> s.id() == shmId).findFirst()
                    .orElseThrow(() -> new AssertionError("segment " + shmId + " not listed:\n" + listing));
            row = shmRows.get(shmId);
            // key shmid owner perms bytes nattch [status]
            assertEquals(row[0], shm.key().toString());
            assertEquals(row[2], userName(shm.ownerUid()));
            assertEquals(row[3], Integer.toOctalString(shm.mode()));
            assertEquals(Long.parseLong(row[4]), shm.size());
            assertEquals(8192, shm.size());
            assertEquals(Long.parseLong(row[5]), shm.attachments());
            assertEquals(0, shm.attachments());

            String table = listing.toString();
            assertTrue(table.contains(q.key().toString()) && table.contains("Semaphore Arrays"), table);
        }
    }

    /** Attaches segment args[0], says so, and stays attached until killed (its exit detaches). */
    public static final class Attacher {
        public static void main(String[] args) throws Exception {
            try (SysvSharedMemory m = SysvSharedMemory.ofId(Integer.parseInt(args[0]), Access.READ_WRITE)) {
                System.out.println("attached " + m.size());
                Thread.sleep(120_000);
            }
        }
    }

    @Test
    void aSegmentRemovedWhileAttachedIsListedAsIpcsShowsItUntilDetached() throws Exception {
        int shmId = ipcmk("-M", "4096");
        try (ChildJvm attacher = ChildJvm.start(Attacher.class, String.valueOf(shmId))) {
            attacher.awaitOutput("attached 4096", 60);
            SysvShmStatus before = find(IpcListing.take().sysvSharedMemory(), shmId);
            assertEquals(1, before.attachments());
            assertEquals("1", ipcs("-m").get(shmId)[5]);
            assertFalse(before.removedPendingDetach());
            assertEquals(attacher.pid(), before.lastPid());
            run("ipcrm", "-m", String.valueOf(shmId));
            SysvShmStatus removed = find(IpcListing.take().sysvSharedMemory(), shmId);
            String[] row = ipcs("-m").get(shmId);
            assertTrue(removed.removedPendingDetach());
            assertEquals("dest", row[6]);
            assertEquals(row[0], removed.key().toString(), "a removed segment's key is IPC_PRIVATE");
            assertEquals(1, removed.attachments());
            attacher.close();
            assertTrue(attacher.process().waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(IpcListing.take().sysvSharedMemory().stream().noneMatch(s -> s.id() == shmId), "gone once detached");
        assertFalse(ipcs("-m").containsKey(shmId));
    }

    private static SysvShmStatus find(List<SysvShmStatus> list, int id) {
        return list.stream().filter(s -> s.id() == id).findFirst().orElseThrow(() -> new AssertionError(id + " listed"));
    }

    @Test
    void posixQueuesAndSharedMemoryObjectsAreListedFromDev() throws Exception {
        String queueName = posixQueues.name();
        String shmName = "/ipc4j-listing-" + ProcessHandle.current().pid();
        try (PosixMessageQueue mq = PosixMessageQueue.open(queueName,
                PosixMqOptions.options().createNew().mode(0640).maxMessages(4).messageSize(64));
             PosixSharedMemory shm = PosixSharedMemory.open(shmName,
                     PosixShmOptions.options().createNew().size(12288))) {
            mq.send(new byte[7], 1);
            boolean queuesListable = PosixQueues.mqueueMount() != null; // mounted (when absent) before the listing
            IpcListing listing = IpcListing.take();
            if (queuesListable) {
                IpcListing.PosixObject q = listing.posixMessageQueues().stream()
                        .filter(o -> o.name().equals(queueName)).findFirst()
                        .orElseThrow(() -> new AssertionError(queueName + " not listed:\n" + listing));
                assertEquals(7, q.size(), "QSIZE: the bytes queued");
                assertEquals(0640, q.mode());
                assertEquals(Files.getLastModifiedTime(Paths.get(IpcListing.DEV_MQUEUE + queueName)).toInstant(),
                        q.lastModified(), "the send marked the queue modified");
            }
            IpcListing.PosixObject s = listing.posixSharedMemory().stream().filter(o -> o.name().equals(shmName))
                    .findFirst().orElseThrow(() -> new AssertionError(shmName + " not listed"));
            assertEquals(12288, s.size());
            assertEquals(0600, s.mode());
            assertEquals(Files.getLastModifiedTime(Paths.get(IpcListing.DEV_SHM + shmName)).toInstant(),
                    s.lastModified());
            assertEquals(Long.parseLong(run("id", "-u").trim()), s.ownerUid());
        } finally {
            try {
                PosixSharedMemory.unlink(shmName);
            } catch (java.nio.file.NoSuchFileException gone) {
                // never created
            }
        }
    }
}
