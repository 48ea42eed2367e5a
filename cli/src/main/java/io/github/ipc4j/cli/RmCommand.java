package io.github.ipc4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** ipc4j rm OBJECT...: removes objects, asking before another user's. */
@Command(name = "rm", mixinStandardHelpOptions = true,
        description = {"Remove objects (by key, id or name).", "",
            "mq_unlink, sem_unlink, shm_unlink, IPC_RMID, or unlink of a FIFO.",
            "Asks before removing an object another user owns, or one whose owner is unknown",
            "(a named semaphore on macOS), unless --yes."})
final class RmCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(paramLabel = "OBJECT", arity = "1..*", description = "mq:/orders, msg:0x4950, shm:32768, ...")
    List<String> objects;

    @Option(names = {"-y", "--yes"}, description = "Do not ask, even for another user's object.")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        List<Listed> found = new ArrayList<>();
        for (String o : objects) {
            found.add(ObjectRef.parse(o, null).resolve()); // every name checked before anything is removed
        }
        long self = Users.self();
        int failed = 0;
        for (Listed l : found) {
            if (l.uid != self && !yes && !Remover.confirm("remove " + l.ref() + " (" + l.type + "), " + owner(l) + "?")) {
                System.err.println("ipc4j rm: kept " + l.ref());
                failed++;
                continue;
            }
            try {
                Remover.remove(l);
                System.out.println("removed " + l.ref());
            } catch (IOException e) {
                System.err.println("ipc4j rm: " + l.ref() + ": " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? CliException.OK : CliException.FAILURE;
    }

    /** "owned by NAME", or why the owner is unknown (a named semaphore on macOS): the reason rm asks. */
    private static String owner(Listed l) {
        if (l.uid >= 0) {
            return "owned by " + Users.name(l.uid);
        }
        Object why = l.details.get(Listed.OWNER_UNKNOWN);
        return "whose owner is unknown" + (why == null ? "" : " (" + why + ")");
    }
}
