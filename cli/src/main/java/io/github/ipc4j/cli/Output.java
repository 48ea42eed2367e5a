package io.github.ipc4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** How received bytes reach standard output: as text lines (default), raw, as JSON lines, or as a hex dump. */
final class Output {
    private Output() {}

    /** One received message: data then a newline; raw: the bytes alone; json: one JSON object per line. */
    static void message(byte[] data, String label, long value, boolean raw, boolean json) throws IOException {
        PrintStream out = System.out;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(label, value);
            m.put("bytes", data.length);
            m.put("text", text(data));
            m.put("base64", Base64.getEncoder().encodeToString(data));
            out.println(Json.write(m));
        } else {
            out.write(data);
            if (!raw) {
                out.write('\n');
            }
        }
        out.flush();
    }

    /** The bytes as UTF-8 text, or null when they are not valid UTF-8. */
    static String text(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** As hexdump -C: offset, 16 bytes in hex, and the printable ones. */
    static void hexdump(byte[] data, long base, OutputStream to) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < data.length; row += 16) {
            sb.append(String.format("%08x ", base + row));
            for (int i = 0; i < 16; i++) {
                if (i == 8) {
                    sb.append(' ');
                }
                sb.append(row + i < data.length ? String.format(" %02x", data[row + i] & 0xff) : "   ");
            }
            sb.append("  |");
            for (int i = row; i < Math.min(row + 16, data.length); i++) {
                int c = data[i] & 0xff;
                sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            sb.append("|\n");
        }
        sb.append(String.format("%08x%n", base + data.length));
        to.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        to.flush();
    }

    /** Permission bits from octal text ("0644", "644"); usage error otherwise. */
    static int mode(String octal) {
        try {
            int mode = Integer.parseInt(octal, 8);
            if (mode < 0 || mode > 0777) {
                throw new NumberFormatException();
            }
            return mode;
        } catch (NumberFormatException e) {
            throw CliException.usage("--mode " + octal + ": permission bits in octal, 0 to 0777 (e.g. 0600)");
        }
    }
}
