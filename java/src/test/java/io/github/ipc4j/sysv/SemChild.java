package io.github.ipc4j.sysv;

/**
 * The second process of the semaphore tests:
 * <ul>
 * <li>{@code take <id> <undo|plain>}: takes semaphore 0 (with or without SEM_UNDO), prints "taken", then
 * waits to be killed;</li>
 * <li>{@code both <id>}: prints "waiting", takes semaphores 0 and 1 in one atomic operation, prints "done";</li>
 * <li>{@code create <key> <value>...}: creates the set with key holding the values, prints "created".</li>
 * </ul>
 */
public final class SemChild {
    private SemChild() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("create")) {
            int[] values = new int[args.length - 2];
            for (int i = 0; i < values.length; i++) {
                values[i] = Integer.parseInt(args[i + 2]);
            }
            try (SysvSemaphoreSet set = SysvSemaphoreSet.open(IpcKey.of(Integer.parseInt(args[1])),
                    SysvSemOptions.options().createNew().initialValues(values))) {
                System.out.println("created " + set.id());
            }
            return;
        }
        try (SysvSemaphoreSet set = SysvSemaphoreSet.ofId(Integer.parseInt(args[1]))) {
            switch (args[0]) {
                case "take":
                    SemOperation take = "undo".equals(args[2])
                            ? set.operation().add(0, -1, SemFlag.UNDO).build()
                            : set.operation().add(0, -1).build();
                    if (!set.tryPerform(take)) {
                        throw new AssertionError("semaphore 0 was not free");
                    }
                    System.out.println("taken");
                    System.out.flush();
                    Thread.sleep(600_000);
                    break;
                case "both":
                    SemOperation both = set.operation().add(0, -1).add(1, -1).build();
                    System.out.println("waiting");
                    System.out.flush();
                    set.perform(both);
                    System.out.println("done");
                    break;
                default:
                    throw new IllegalArgumentException(args[0]);
            }
        }
    }
}
