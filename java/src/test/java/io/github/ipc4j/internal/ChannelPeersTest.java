package io.github.ipc4j.internal;

import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A channel's liveness words: a process's word for itself and its peer's word for it are the same (under
 * qemu-user too, whose /proc/self/stat gives a start time of its own making), so a live peer is never taken
 * for dead, and a dead one, or its pid reused, is.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ChannelPeersTest {
    /** The child: prints its own word, then waits to be killed. */
    public static void main(String[] args) throws Exception {
        System.out.println("word " + ChannelPeers.self());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    @Test
    void aLiveProcessIsAliveForItsPeerAndItselfAndDeadOnceKilled() throws Exception {
        assertTrue(ChannelPeers.alive(ChannelPeers.self()));
        assertEquals(ProcessHandle.current().pid(), ChannelPeers.pid(ChannelPeers.self()));
        long word;
        try (ChildJvm child = ChildJvm.start(ChannelPeersTest.class)) {
            child.awaitOutput("word ", 120);
            String out = child.output();
            word = Long.parseLong(out.substring(out.indexOf("word ") + 5).trim().split("\\s")[0]);
            assertEquals(child.pid(), ChannelPeers.pid(word));
            assertEquals(ChannelPeers.word(child.pid()), word, "the child's word for itself and ours for it");
            assertTrue(ChannelPeers.alive(word), "a live child is alive");
            // the same pid with another start time is another process: the one in the word is gone
            assertFalse(ChannelPeers.alive(word ^ 0x10), "a reused pid (another start stamp) is not the process");
            child.process().destroyForcibly();
            assertTrue(child.process().waitFor(60, TimeUnit.SECONDS));
        }
        assertFalse(ChannelPeers.alive(word), "a killed child is dead");
    }

    /**
     * A peer killed while its parent does not reap it stays in the process table as a zombie (its pid and stat
     * file remain): it runs no more, so it is dead. The zombie: a child of a shell that then becomes a sleep,
     * which never waits for it.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aKilledProcessThatNobodyReapedIsDead() throws Exception {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 600 & echo $!; exec sleep 600").start();
        try {
            long pid = firstNumber(shell);
            long word = ChannelPeers.word(pid);
            assertTrue(ChannelPeers.alive(word), "the running sleep is alive");
            new ProcessBuilder("kill", "-KILL", Long.toString(pid)).start().waitFor();
            awaitZombieMainThread(pid);
            assertFalse(ChannelPeers.alive(word), "a zombie is dead");
        } finally {
            shell.destroyForcibly().waitFor();
        }
    }

    /** A process whose main thread ended (a zombie thread) while another thread runs on is alive. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aProcessWhoseMainThreadEndedIsAliveWhileAnotherThreadRuns() throws Exception {
        Process peer = new ProcessBuilder(ChildJvm.nativePeer("main_thread_exit_peer"), "600").start();
        try {
            long pid = firstNumber(peer);
            awaitZombieMainThread(pid);
            long word = ChannelPeers.word(pid);
            assertEquals(pid, ChannelPeers.pid(word));
            assertTrue(ChannelPeers.alive(word), "the process runs on in its other thread");
            peer.destroyForcibly();
            assertTrue(peer.waitFor(60, TimeUnit.SECONDS));
            assertFalse(ChannelPeers.alive(word), "killed and reaped, it is dead");
        } finally {
            peer.destroyForcibly().waitFor();
        }
    }

    private static long firstNumber(Process process) throws java.io.IOException {
        return Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))
                .readLine().trim());
    }

    /** Waits (up to 30 s) until the main thread of process pid is a zombie. */
    private static void awaitZombieMainThread(long pid) throws Exception {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc", Long.toString(pid), "task", Long.toString(pid),
                "stat");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!java.nio.file.Files.readString(stat).contains(") Z ") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(java.nio.file.Files.readString(stat).contains(") Z "), "the main thread of " + pid
                + " is a zombie");
    }
}
