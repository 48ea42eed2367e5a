package io.github.ipc4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad command lines and bad input: a clear message naming what is wrong, exit code 2, never a stack trace. */
@EnabledOnOs(OS.LINUX)
class BadInputIT {
    private static void usage(String expected, String... args) throws Exception {
        Tool.Result r = Tool.run(args).expect(2);
        assertTrue(r.err.contains(expected), () -> "expected '" + expected + "' in:\n" + r);
    }

    @Test
    void commandLineMistakes() throws Exception {
        usage("name a command");
        usage("Unknown option: '--bogus'", "ls", "--bogus");
        usage("Unmatched argument", "frobnicate");
        usage("--type bogus: not a type", "ls", "--type", "bogus");
        usage("--owner no-such-user-here: no such user", "ls", "--owner", "no-such-user-here");
        usage("Missing required parameter", "stat");
        usage("say send, recv or peek", "mq");
    }

    @Test
    void badObjectNames() throws Exception {
        usage("not an object", "stat", "orders");
        usage("a POSIX queue's name starts with '/'", "mq", "recv", "orders");
        usage("a key is up to 8 hex digits", "msg", "recv", "0xZZ");
        usage("a System V queue has a key", "msg", "send", "/orders", "x");
        usage("a sem object, but this command takes mq", "mq", "recv", "sem:/x");
        usage("--create needs a key", "msg", "send", "--create", "123", "x");
    }

    @Test
    void badValues() throws Exception {
        usage("is not a duration", "mq", "recv", "/x", "--timeout", "soon");
        usage("--timeout must not be negative", "mq", "recv", "/x", "--timeout", "-1s");
        usage("--type must be 1 or more", "msg", "send", "0x1234", "-t", "0", "x");
        usage("--mode 999: permission bits in octal", "mq", "send", "--create", "--mode", "999", "/x", "y");
        usage("--create needs --size", "shm", "write", "--create", "/x", "y");
        usage("--count must be at least 1", "mq", "recv", "/x", "-n", "0");
        usage("-n must be at least 1", "sem", "post", "/x", "-n", "0");
        usage("--yes and --dry-run contradict", "gc", "--yes", "--dry-run");
        usage("Invalid value for option '--priority'", "mq", "send", "/x", "-p", "high", "y");
        // the library's own check of an argument, before any system call, is a usage error too
        usage("type", "msg", "recv", "0x1234", "--type", "0");
    }
}
