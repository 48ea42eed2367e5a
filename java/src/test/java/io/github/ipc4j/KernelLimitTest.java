package io.github.ipc4j;

import io.github.ipc4j.sysv.SysvSemaphoreSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel limits as the running kernel has them: each value is what the sysctl command shows, the command to
 * raise it names the sysctl (kernel.sem's keeps the other three fields), and an object over a limit is refused
 * with that command. Off Linux: UnsupportedOperationException naming the OS.
 */
class KernelLimitTest {
    /** The numbers the sysctl command shows now, clamped as the API promises. */
    private static long[] numbers(String sysctl) throws Exception {
        Process p = new ProcessBuilder("sysctl", "-n", sysctl).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertEquals(0, p.waitFor(), text);
        return Arrays.stream(text.split("\\s+"))
                .mapToLong(n -> new BigInteger(n).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue()).toArray();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void everyValueIsWhatSysctlShows() throws Exception {
        for (KernelLimit limit : KernelLimit.values()) {
            OptionalLong value = limit.value();
            if (!Files.isReadable(Paths.get("/proc/sys/" + limit.sysctl().replace('.', '/')))) {
                assertEquals(OptionalLong.empty(), value, limit + ": no file, no value");
                continue;
            }
            long[] numbers = numbers(limit.sysctl());
            long expected = limit.sysctl().equals("kernel.sem") ? numbers[limit.ordinal() - KernelLimit.SEMMSL.ordinal()]
                    : numbers[0];
            assertEquals(OptionalLong.of(expected), value, limit.toString());
            assertTrue(expected > 0, limit + " is positive");
            assertFalse(limit.description().isEmpty());
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void howToRaiseNamesTheSysctlAndKeepsTheOtherSemFields() throws Exception {
        assertEquals("sysctl -w kernel.msgmni=<higher> (root), or write the value to /proc/sys/kernel/msgmni",
                KernelLimit.MSGMNI.howToRaise());
        assertTrue(KernelLimit.MQ_QUEUES_MAX.howToRaise().startsWith("sysctl -w fs.mqueue.queues_max=<higher>"));
        long[] sem = numbers("kernel.sem");
        assertTrue(KernelLimit.SEMOPM.howToRaise().startsWith("sysctl -w kernel.sem='" + sem[0] + " " + sem[1]
                + " <SEMOPM> " + sem[3] + "' with a higher SEMOPM"), KernelLimit.SEMOPM.howToRaise());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aSetOverSemmslIsRefusedWithTheCommandThatRaisesIt() throws Exception {
        long semmsl = KernelLimit.SEMMSL.value().orElseThrow();
        if (semmsl >= 65535) {
            return; // the options refuse such a count before the kernel limit is asked
        }
        try (SysvSemaphoreSet set = SysvSemaphoreSet.createPrivate((int) semmsl + 1)) {
            set.remove();
            throw new AssertionError("a set of " + (semmsl + 1) + " semaphores was created over SEMMSL " + semmsl);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains(KernelLimit.SEMMSL.howToRaise()), e.getMessage());
        }
    }

    @Test
    @DisabledOnOs(OS.LINUX)
    void otherSystemsSayWhatTheyLack() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> KernelLimit.MSGMNI.value());
        assertTrue(e.getMessage().startsWith(System.getProperty("os.name")), e.getMessage());
        assertTrue(e.getMessage().contains("/proc/sys/kernel/msgmni"), e.getMessage());
    }
}
