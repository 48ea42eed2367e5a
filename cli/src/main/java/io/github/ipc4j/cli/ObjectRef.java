package io.github.ipc4j.cli;

import io.github.ipc4j.sysv.IpcKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An object named on the command line: [KIND:]BODY. KIND is mq (POSIX queue), msg (System V queue), sem, shm
 * (either family) or fifo. BODY is a POSIX name ("/orders"), a System V key in hex ("0x4950"), a System V id in
 * decimal ("32768"), or a FIFO's path ("/tmp/app/in", "./in"). Without KIND, the form of BODY says the family
 * and the objects that exist say the rest; when two match, the tool asks which.
 */
final class ObjectRef {
    static final String FORMS = "OBJECT is [mq:|msg:|sem:|shm:|fifo:]BODY where BODY is a POSIX name (/orders), a "
            + "System V key (0x4950), a System V id (32768) or a FIFO path (/tmp/dir/fifo); ls shows each object's";

    final String text;
    final String kind;
    final String posixName;
    final Integer key;
    final Integer id;
    final Path path;

    private ObjectRef(String text, String kind, String posixName, Integer key, Integer id, Path path) {
        this.text = text;
        this.kind = kind;
        this.posixName = posixName;
        this.key = key;
        this.id = id;
        this.path = path;
    }

    /** Parses text; forcedKind (from the command: mq, msg, sem, shm, fifo) when the command fixes the kind. */
    static ObjectRef parse(String text, String forcedKind) {
        String kind = null;
        String body = text;
        int colon = text.indexOf(':');
        if (colon > 0 && List.of("mq", "msg", "sem", "shm", "fifo").contains(text.substring(0, colon))) {
            kind = text.substring(0, colon);
            body = text.substring(colon + 1);
        }
        if (forcedKind != null) {
            if (kind != null && !kind.equals(forcedKind)) {
                throw CliException.usage(text + ": a " + kind + " object, but this command takes " + forcedKind);
            }
            kind = forcedKind;
        }
        if (body.isEmpty()) {
            throw CliException.usage("empty object name: " + FORMS);
        }
        if ("fifo".equals(kind) || (body.indexOf('/', 1) > 0) || body.startsWith(".")) {
            if (kind != null && !kind.equals("fifo")) {
                throw CliException.usage(text + ": a " + kind + " name is '/' and a name without another '/'"
                        + (kind.equals("msg") ? "; msg takes a key (0x4950) or an id (32768)" : ""));
            }
            return new ObjectRef(text, "fifo", null, null, null, Paths.get(body));
        }
        if (body.startsWith("/")) {
            if ("msg".equals(kind)) {
                throw CliException.usage(text + ": a System V queue has a key (0x4950) or an id (32768), not a "
                        + "name; a POSIX queue is mq:" + body);
            }
            return new ObjectRef(text, kind, body, null, null, null);
        }
        if ("mq".equals(kind)) {
            throw CliException.usage(text + ": a POSIX queue's name starts with '/', e.g. /orders");
        }
        if (body.startsWith("0x") || body.startsWith("0X")) {
            try {
                return new ObjectRef(text, kind, null, (int) Long.parseLong(body.substring(2), 16), null, null);
            } catch (NumberFormatException e) {
                throw CliException.usage(text + ": a key is up to 8 hex digits after 0x, e.g. 0x4950");
            }
        }
        if (body.chars().allMatch(Character::isDigit)) {
            try {
                return new ObjectRef(text, kind, null, null, Integer.parseInt(body), null);
            } catch (NumberFormatException e) {
                throw CliException.usage(text + ": an id is a number up to 2147483647");
            }
        }
        throw CliException.usage(text + ": not an object; " + FORMS);
    }

    boolean isPosix() {
        return posixName != null;
    }

    IpcKey ipcKey() {
        return IpcKey.of(key);
    }

    /** Whether the listed object is the one this names. */
    boolean matches(Listed l) {
        if (path != null) {
            return l.type.equals(Listed.FIFO) && l.name.equals(path.toAbsolutePath().normalize().toString());
        }
        if (kind != null && !kindOf(l.type).equals(kind)) {
            return false;
        }
        if (posixName != null) {
            return !l.isSysv() && !l.type.equals(Listed.FIFO) && l.name.equals(posixName);
        }
        if (!l.isSysv()) {
            return false;
        }
        return key != null ? key != 0 && l.key == key : l.id == id;
    }

    private static String kindOf(String type) {
        switch (type) {
            case Listed.POSIX_MQ: return "mq";
            case Listed.SYSV_MSG: return "msg";
            case Listed.POSIX_SEM: case Listed.SYSV_SEM: return "sem";
            case Listed.POSIX_SHM: case Listed.SYSV_SHM: return "shm";
            default: return "fifo";
        }
    }

    /** The one existing object this names: failure if none, usage error if several. */
    Listed resolve() {
        if (path != null) {
            if (!Files.exists(path)) {
                throw CliException.failure(text + ": no such file");
            }
            return Inventory.fifo(path).orElseThrow(() -> CliException.failure(text + ": not a FIFO"));
        }
        List<Listed> found = Inventory.take(List.of()).stream().filter(this::matches).collect(Collectors.toList());
        if (posixName != null) {
            Inventory.named(posixName, kind).stream().filter(this::matches).forEach(found::add);
            if (found.isEmpty() && Inventory.findsPosixByNameOnly()) {
                throw CliException.failure(PosixByName.missing(text, posixName, kind));
            }
        }
        if (found.isEmpty()) {
            throw CliException.failure(text + ": no such object (ipc4j ls lists them)");
        }
        if (found.size() > 1) {
            throw CliException.usage(text + " is ambiguous; name one of: "
                    + found.stream().map(Listed::ref).collect(Collectors.joining(", ")));
        }
        return found.get(0);
    }

    Optional<String> kind() {
        return Optional.ofNullable(kind);
    }
}
