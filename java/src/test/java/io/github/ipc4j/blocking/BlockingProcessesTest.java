package io.github.ipc4j.blocking;

import io.github.ipc4j.testing.ChildJvm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The blocking core in JVMs of their own: 1,000 virtual threads on two carriers, 1,000 platform threads
 * under RLIMIT_SIGPENDING = 16, a JVM run with -Xrs, and another handler on the wake signal.
 */
@EnabledOnOs(OS.LINUX)
@Tag("heavy") // long under emulation: ci/test-aarch64-jvm.sh leaves it out
class BlockingProcessesTest {

    @Test
    void aThousandVirtualThreadsBlockedInIpc4jLeaveTheCarriersFree() throws Exception {
        assumeTrue(VirtualThreadsSupport.available(), "virtual threads need JDK 21+");
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Djdk.virtualThreadScheduler.parallelism=2",
                "-Djdk.virtualThreadScheduler.maxPoolSize=2"), BlockingChildren.ThousandVirtualThreads.class)) {
            child.assertSuccess(300);
            assertTrue(child.output().contains("OK 1000 virtual threads woken"), child.output());
        }
    }

    @Test
    void noWakeIsLostUnderALowSigpendingLimit() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "prlimit (util-linux) is needed");
        try (ChildJvm child = ChildJvm.start(List.of("/usr/bin/prlimit", "--sigpending=16"), List.of(),
                BlockingChildren.ThousandClosedReceivers.class, "1000")) {
            child.assertSuccess(300);
            assertTrue(child.output().contains("OK 1000 receivers returned"), child.output());
        }
    }

    @Test
    void timedWaitsHoldWhenThreadsCannotHaveTimers() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prlimit")), "prlimit (util-linux) is needed");
        try (ChildJvm child = ChildJvm.start(List.of("/usr/bin/prlimit", "--sigpending=4"), List.of(),
                BlockingChildren.TimedReceivesWithoutTimers.class, "64")) {
            child.assertSuccess(120);
            assertTrue(child.output().contains("OK 64 timed receives timed out"), child.output());
        }
    }

    @Test
    void reducedSignalUseChangesNothing() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Xrs"), BlockingChildren.InterruptAndClose.class)) {
            child.assertSuccess(120);
        }
    }

    @Test
    void aForeignHandlerInstalledFirstIsAClearError() throws Exception {
        try (ChildJvm child = ChildJvm.start(BlockingChildren.ForeignHandler.class, "before", "STKFLT")) {
            child.assertSuccess(120);
            String out = child.output();
            assertTrue(out.contains("first: IllegalStateException") && out.contains("ipc4j.wakeSignal"), out);
        }
    }

    @Test
    void aForeignHandlerInstalledLaterEndsTheBlockedCallThenIsAClearError() throws Exception {
        try (ChildJvm child = ChildJvm.start(BlockingChildren.ForeignHandler.class, "after", "STKFLT")) {
            child.assertSuccess(120);
            String out = child.output();
            assertTrue(out.contains("blocked: InterruptedException"), out);
            assertTrue(out.contains("next: IllegalStateException") && out.contains("ipc4j.wakeSignal"), out);
        }
    }

    /** A wake signal asked for that cannot be had is a clear error naming what was asked, not another signal. */
    @Test
    void aWakeSignalThatCannotBeUsedIsNamedAsGiven() throws Exception {
        for (String given : new String[] {"abc", "99", "11"}) {
            try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Dipc4j.wakeSignal=" + given),
                    BlockingChildren.TimedReceive.class)) {
                child.assertSuccess(120);
                String out = child.output();
                assertTrue(out.contains("poll: java.lang.IllegalStateException")
                        && out.contains("-Dipc4j.wakeSignal=" + given + " "), out);
            }
        }
    }

    @Test
    void anotherWakeSignalAvoidsTheApplicationsHandler() throws Exception {
        try (ChildJvm child = ChildJvm.start(List.of(), List.of("-Dipc4j.wakeSignal=40"),
                BlockingChildren.ForeignHandler.class, "after", "STKFLT")) {
            child.assertSuccess(120);
            String out = child.output();
            assertTrue(out.contains("blocked: InterruptedException"), out);
            assertTrue(out.contains("next: returned"), out);
        }
    }
}
