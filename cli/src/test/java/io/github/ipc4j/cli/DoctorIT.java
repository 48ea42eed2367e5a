package io.github.ipc4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * doctor where things are wrong for real: an IPC namespace of its own with lowered limits (unshare --ipc, root),
 * and a mount namespace where /dev/mqueue is not mounted. The host's limits and mounts are untouched.
 */
@EnabledOnOs(OS.LINUX)
class DoctorIT {
    private static void assumeUnshare(String... flags) throws Exception {
        List<String> probe = new java.util.ArrayList<>(List.of("unshare"));
        probe.addAll(List.of(flags));
        probe.add("true");
        assumeTrue(Tool.execRaw(probe, null).exit == 0, "needs unshare " + String.join(" ", flags) + " (root)");
    }

    @Test
    void lowLimitsInAnIpcNamespaceAreProblemsWithTheirFixes() throws Exception {
        assumeUnshare("--ipc");
        // msgmni 2 with two queues (the limit is reached), msg_max 4, and kernel.sem's SEMMNI 8
        String setUp = "echo 2 > /proc/sys/kernel/msgmni && echo 4 > /proc/sys/fs/mqueue/msg_max"
                + " && echo '250 32000 32 8' > /proc/sys/kernel/sem"
                + " && ipcmk -Q >/dev/null && ipcmk -Q >/dev/null && exec \"$0\" \"$@\"";
        Tool.Result r = Tool.exec(List.of("unshare", "--ipc", "sh", "-c", setUp), null, "doctor").expect(1);
        assertTrue(r.out.matches("(?s).*PROBLEM\\s+fs\\.mqueue\\.msg_max\\s+4\n.*below Linux's default 10\n"
                + "\\s+fix: sysctl -w fs\\.mqueue\\.msg_max=10 .*"), r.out);
        assertTrue(r.out.matches("(?s).*PROBLEM\\s+System V queues in use\\s+2 of 2\n.*the limit is reached "
                + "\\(kernel\\.msgmni\\).*fix: sysctl -w kernel\\.msgmni=<higher>.*"), r.out);
        assertTrue(r.out.matches("(?s).*PROBLEM\\s+kernel\\.sem\\s+SEMMSL 250, SEMMNS 32000, SEMOPM 32, SEMMNI 8\n"
                + ".*fix: sysctl -w kernel\\.sem=.*"), r.out);
        assertTrue(r.out.matches("(?s).*ok\\s+kernel\\.msgmax\\s+8192\n.*"), "untouched limits are fine:\n" + r.out);
        assertTrue(r.out.contains("problem(s) found"), r.out);

        Tool.Result json = Tool.exec(List.of("unshare", "--ipc", "sh", "-c", setUp), null, "doctor", "--json")
                .expect(1);
        assertTrue(json.out.startsWith("[{") && json.out.contains("{\"check\":\"kernel.msgmni\",\"status\":\"PROBLEM\","
                + "\"value\":\"2\"") && json.out.contains("\"fix\":\"sysctl -w fs.mqueue.msg_max=10"), json.out);
    }

    @Test
    void queuesNearRlimitMsgqueueAreAProblem() throws Exception {
        assumeUnshare("--ipc", "--mount");
        // RLIMIT_MSGQUEUE counts a user's queues in every namespace, so a user that has none (uid 54321) runs
        // the tool, in a namespace whose queues show at its own /dev/mqueue, with the limit at 17000 bytes: one
        // queue of 2 x 8192 bytes fits (with the kernel's overhead) and takes more than 90% of it
        String asRoot = "mkdir -p /dev/mqueue && mount -t mqueue none /dev/mqueue && ulimit -q 17000 && "
                + "exec setpriv --reuid 54321 --regid 54321 --clear-groups bash -c \"$1\" \"$0\"";
        String asUser = "\"$0\" mq send --create --max-messages 2 --message-size 8192 /big x && "
                + "{ \"$0\" mq send --create --max-messages 2 --message-size 8192 /more x; echo second=$?; } && "
                + "exec \"$0\" doctor";
        Tool.Result r = Tool.execRaw(List.of("unshare", "--ipc", "--mount", "bash", "-c", asRoot,
                Tool.launcher().toString(), asUser), null).expect(1);
        assertTrue(r.out.contains("second=1"), "the second queue is refused:\n" + r);
        assertTrue(r.err.contains("RLIMIT_MSGQUEUE (ulimit -q)"), "and the message says which limit:\n" + r.err);
        assertTrue(r.out.matches("(?s).*PROBLEM\\s+RLIMIT_MSGQUEUE\\s+soft 16\\.6 KiB, hard \\S+ \\S+; this user's "
                + "queues take at least 16\\.0 KiB\n.*fix: ulimit -q <bytes>.*"), r.out);
    }

    @Test
    void unmountedMqueueIsAProblemAndMountingItIsTheFix() throws Exception {
        assumeUnshare("--mount");
        String unmounted = "umount /dev/mqueue 2>/dev/null; umount /dev/mqueue 2>/dev/null; exec \"$0\" \"$@\"";
        Tool.Result r = Tool.exec(List.of("unshare", "--mount", "sh", "-c", unmounted), null, "doctor").expect(1);
        assertTrue(r.out.matches("(?s).*PROBLEM\\s+/dev/mqueue\\s+not mounted\n.*\\s+fix: mkdir -p /dev/mqueue && "
                + "mount -t mqueue none /dev/mqueue\n.*"), r.out);

        assumeTrue(Tool.mqueueMounted(), "cannot mount /dev/mqueue here to check the healthy case");
        Tool.Result ok = Tool.run("doctor");
        assertTrue(ok.out.matches("(?s).*ok\\s+/dev/mqueue\\s+mounted\n.*"), ok.out);
        assertTrue(ok.out.matches("(?s).*ok\\s+JNI library\\s+/\\S+\\.so\n.*"), ok.out);
    }

    @Test
    void noexecTemporaryDirectoryIsNamedAndTheLibraryStillLoads() throws Exception {
        assumeUnshare("--mount");
        String noexecTmp = "d=$(mktemp -d) && mount -t tmpfs -o noexec tmpfs \"$d\" && "
                + "IPC4J_JAVA_OPTS=-Djava.io.tmpdir=$d && export IPC4J_JAVA_OPTS && exec \"$0\" \"$@\"";
        Tool.Result r = Tool.exec(List.of("unshare", "--mount", "sh", "-c", noexecTmp), null, "doctor", "--json");
        assertTrue(r.out.contains("{\"check\":\"JNI library\",\"status\":\"ok\"") && r.out.contains(
                "is mounted noexec: the loader extracted the library elsewhere"), r.toString());
        assertTrue(r.out.contains("{\"check\":\"temporary directory\",\"status\":\"note\""), r.out);
    }
}
