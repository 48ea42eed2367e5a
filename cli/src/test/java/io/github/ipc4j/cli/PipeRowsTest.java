package io.github.ipc4j.cli;

import io.github.ipc4j.OperatingSystem;
import io.github.ipc4j.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How Windows pipes show in ls (table and JSON) and how --type, --name and --owner choose them. */
class PipeRowsTest {
    private final Listed orders = Inventory.pipe("\\\\.\\pipe\\orders", OptionalInt.of(3));
    private final Listed winsock = Inventory.pipe("\\\\.\\pipe\\Winsock2\\CatalogChangeListener-5f4-0",
            OptionalInt.empty());
    private final Listed fifo = new Listed(Listed.FIFO, "/tmp/orders", 0, -1, 1000, 1000, 0600);

    @AfterEach
    void restore() {
        OsSupport.use(Platform.os());
    }

    @Test
    void aPipeRowShowsNameTypeAndInstancesAndNoOwnerOrMode() {
        String table = LsCommand.table(List.of(orders, winsock)).toString();
        String line = table.lines().filter(l -> l.startsWith("pipe:\\\\.\\pipe\\orders")).findFirst()
                .orElseThrow(() -> new AssertionError(table));
        assertEquals(List.of("pipe:\\\\.\\pipe\\orders", "pipe", "-", "-", "-", "-", "3", "-", "-"),
                List.of(line.trim().split("\\s+")), table);
        String json = Json.write(orders.toMap());
        assertTrue(json.contains("\"object\":\"pipe:\\\\\\\\.\\\\pipe\\\\orders\""), json);
        assertTrue(json.contains("\"type\":\"pipe\"") && json.contains("\"count\":3")
                && json.contains("\"countMeaning\":\"instances\"") && json.contains("\"owner\":null")
                && json.contains("\"mode\":null"), json);
        assertTrue(Json.write(winsock.toMap()).contains("\"count\":null"));
    }

    private List<Listed> choose(Filters f) {
        Predicate<Listed> p = f.predicate();
        return List.of(orders, winsock, fifo).stream().filter(p).collect(Collectors.toList());
    }

    @Test
    void typeAndNameChoosePipes() {
        Filters f = new Filters();
        f.types = List.of("pipe");
        assertEquals(List.of(orders, winsock), choose(f));
        f.name = "*orders";
        assertEquals(List.of(orders), choose(f));
        f.types = List.of();
        assertEquals(List.of(orders, fifo), choose(f));
        f.name = "pipe:*Winsock2*";
        assertEquals(List.of(winsock), choose(f));
    }

    @Test
    void ownerCannotChooseWindowsPipes() {
        OsSupport.use(OperatingSystem.WINDOWS);
        Filters f = new Filters();
        f.owner = "root";
        CliException e = assertThrows(CliException.class, f::predicate);
        assertEquals(CliException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("Windows tells no owner"), e.getMessage());
    }
}
