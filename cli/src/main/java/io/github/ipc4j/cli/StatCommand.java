package io.github.ipc4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** ipc4j stat OBJECT: everything the tool knows about one object. */
@Command(name = "stat", mixinStandardHelpOptions = true, description = "Show one object in full.")
final class StatCommand implements Runnable {
    @Parameters(paramLabel = "OBJECT", description = "mq:/orders, msg:0x4950, sem:/items, shm:32768, /tmp/fifo, ...")
    String object;

    @Option(names = "--json", description = "As one JSON object.")
    boolean json;

    @Override
    public void run() {
        Listed l = ObjectRef.parse(object, null).resolve();
        Map<String, Object> all = l.toMap();
        if (json) {
            System.out.println(Json.write(all));
            return;
        }
        int width = all.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : all.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            Object v = e.getValue();
            String text = v instanceof Object[] ? java.util.Arrays.toString((Object[]) v) : v.toString();
            sb.append(String.format("%-" + width + "s  %s%n", e.getKey(), text));
        }
        System.out.print(sb);
    }
}
