package io.github.ipc4j.windows;

import io.github.ipc4j.internal.WindowsNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Windows classes check in Java, before any native call: testable on every OS. */
class WindowsInputTest {
    private static void refused(String expectedInMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void pipeNamesNeedThePrefixAndNoIllegalCharacters() {
        refused("must start with \\\\.\\pipe\\", () -> WindowsNamedPipeServer.create("orders"));
        refused("must start with \\\\.\\pipe\\", () -> WindowsNamedPipeServer.create("\\\\.\\mailslot\\orders"));
        refused("nothing after the prefix", () -> WindowsNamedPipeServer.create("\\\\.\\pipe\\"));
        refused("contains '\\'", () -> WindowsNamedPipeServer.create("\\\\.\\pipe\\a\\b"));
        refused("control character U+0009", () -> WindowsNamedPipeServer.create("\\\\.\\pipe\\tab\there"));
        refused("only be created on this computer", () -> WindowsNamedPipeServer.create("\\\\host\\pipe\\x"));
        refused("no broadcast form", () -> WindowsNamedPipeClient.connect("\\\\*\\pipe\\x"));
        refused("more than 256", () -> WindowsNamedPipeServer.create("\\\\.\\pipe\\" + "n".repeat(248)));
        assertThrows(NullPointerException.class, () -> WindowsNamedPipeServer.create(null));
        // the rule is stated with the refusal
        refused("named pipe names are \\\\.\\pipe\\ followed by", () -> WindowsNamedPipeServer.create("x"));
        // accepted: mixed-case prefix (Windows ignores case), a remote host for a client, the longest name
        WindowsNames.pipe("\\\\.\\PIPE\\Orders", true);
        WindowsNames.pipe("\\\\server1\\pipe\\orders", false);
        WindowsNames.pipe("\\\\.\\pipe\\" + "n".repeat(247), true);
    }

    @Test
    void mailslotNamesNeedThePrefixAndNoIllegalCharacters() {
        refused("must start with \\\\.\\mailslot\\", () -> Mailslot.create("\\\\.\\pipe\\x"));
        refused("must start with \\\\.\\mailslot\\", () -> Mailslot.create("mailslot\\x"));
        refused("contains '<'", () -> Mailslot.create("\\\\.\\mailslot\\a<b"));
        refused("contains '*'", () -> MailslotClient.open("\\\\.\\mailslot\\a*b"));
        refused("empty part", () -> Mailslot.create("\\\\.\\mailslot\\a\\\\b"));
        refused("ends with '\\'", () -> Mailslot.create("\\\\.\\mailslot\\a\\"));
        refused("only be created on this computer", () -> Mailslot.create("\\\\*\\mailslot\\x"));
        refused("424 bytes", () -> MailslotClient.open("\\\\host\\mail\\x"));
        WindowsNames.mailslot("\\\\.\\mailslot\\app\\events", true);
        WindowsNames.mailslot("\\\\*\\mailslot\\app\\events", false);
        WindowsNames.mailslot("\\\\DOMAIN\\MAILSLOT\\events", false);
    }

    @Test
    void namesWithAnUnpairedSurrogateAreRefused() {
        // no UTF-8 form: getBytes(UTF_8) would make another name ('?' in its place)
        String rule = "is not valid UTF-16 (an unpaired surrogate at index ";
        refused(rule, () -> WindowsNamedPipeServer.create("\\\\.\\pipe\\x\uD800y"));
        refused(rule, () -> WindowsNamedPipeClient.connect("\\\\.\\pipe\\x\uDC00"));
        refused(rule, () -> Mailslot.create("\\\\.\\mailslot\\x\uD800y"));
        refused(rule, () -> MailslotClient.open("\\\\.\\mailslot\\x\uDBFF"));
        WindowsNames.pipe("\\\\.\\pipe\\x\uD83D\uDE00", true); // a pair is one character
    }

    @Test
    void broadcastMessagesAreLimitedTo424Bytes() {
        String broadcast = "\\\\*\\mailslot\\events";
        assertEquals(424, MailslotClient.BROADCAST_MAX_MESSAGE_SIZE);
        assertEquals(424, MailslotClient.messageLimit(broadcast, 0));
        assertEquals(100, MailslotClient.messageLimit(broadcast, 100));
        assertEquals(424, MailslotClient.messageLimit(broadcast, 5000));
        MailslotClient.checkLength(broadcast, 424, 424);
        refused("424 bytes, the most a mailslot broadcast to a domain", () ->
                MailslotClient.checkLength(broadcast, 424, 425));
        String local = "\\\\.\\mailslot\\events";
        assertEquals(0, MailslotClient.messageLimit(local, 0));
        MailslotClient.checkLength(local, 0, 100_000);
        refused("the maxMessageSize this client was opened with", () -> MailslotClient.checkLength(local, 10, 11));
        refused("maxMessageSize must be 0", () -> MailslotClient.messageLimit(local, -1));
    }

    @Test
    void optionsRefuseWhatWindowsWouldNotTake() {
        refused("maxInstances must be from 1 to 255", () -> NamedPipeOptions.options().maxInstances(0));
        refused("maxInstances must be from 1 to 255", () -> NamedPipeOptions.options().maxInstances(256));
        refused("must not be negative", () -> NamedPipeOptions.options().bufferSizes(-1, 0));
        refused("maxMessageSize must be 0", () -> MailslotOptions.options().maxMessageSize(-1));
        refused("readTimeout must be from 0", () -> MailslotOptions.options().readTimeout(Duration.ofMillis(-1)));
        refused("readTimeout must be from 0", () -> MailslotOptions.options().readTimeout(Duration.ofDays(50)));
        NamedPipeOptions defaults = NamedPipeOptions.options();
        assertTrue(defaults.firstInstance() && defaults.rejectRemoteClients() && defaults.currentUserOnly());
        assertEquals(255, defaults.maxInstances());
        assertTrue(MailslotOptions.options().readTimeout().isEmpty());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void elsewhereTheClassesNameTheOsAndTheMissingCall() {
        String os = System.getProperty("os.name");
        Executable[] calls = {
            () -> WindowsNamedPipeServer.create("\\\\.\\pipe\\ipc4j-test"),
            () -> WindowsNamedPipeClient.connect("\\\\.\\pipe\\ipc4j-test", Duration.ofSeconds(1)),
            () -> Mailslot.create("\\\\.\\mailslot\\ipc4j-test"),
            () -> MailslotClient.open("\\\\*\\mailslot\\ipc4j-test"),
        };
        String[] missing = { "CreateNamedPipe", "CreateNamedPipe", "CreateMailslot", "CreateMailslot" };
        for (int i = 0; i < calls.length; i++) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, calls[i]);
            assertTrue(e.getMessage().contains(os) && e.getMessage().contains(missing[i]), e.getMessage());
        }
    }
}
