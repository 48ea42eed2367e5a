import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * "The README tour compiles" (issue 11): every ```java block of README.md is preceded by a line
 * {@code <!-- tour: ID -->} and must equal, line for line (common indentation removed), the region between
 * {@code // tour:begin ID} and {@code // tour:end ID} of a Java file the build compiles (examples/, aeron/). A
 * block without a marker, a marker without a region, a region README does not show, or any difference fails.
 *
 * <p>Usage: {@code java ci/ReadmeTour.java <repository root> [--update]}; --update rewrites README's blocks from
 * the compiled regions (then review the diff).
 */
public final class ReadmeTour {
    private static final Pattern MARKER = Pattern.compile("^<!-- tour: ([A-Za-z0-9_-]+) -->$");
    private static final Pattern BEGIN = Pattern.compile("^\\s*// tour:begin ([A-Za-z0-9_-]+)\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*// tour:end ([A-Za-z0-9_-]+)\\s*$");
    private static final List<String> SOURCE_ROOTS = List.of("examples/src", "aeron/src");

    private ReadmeTour() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        boolean update = args.length > 1 && args[1].equals("--update");
        Map<String, List<String>> regions = regions(root);
        Path readme = root.resolve("README.md");
        List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        String pendingId = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher marker = MARKER.matcher(line);
            if (marker.matches()) {
                pendingId = marker.group(1);
                pendingLine = i + 1;
                out.add(line);
                continue;
            }
            if (!line.equals("```java")) {
                if (!line.isBlank()) {
                    pendingId = null;
                }
                out.add(line);
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !lines.get(close).equals("```")) {
                close++;
            }
            List<String> block = dedent(lines.subList(i + 1, close));
            out.add(line);
            if (pendingId == null) {
                problems.add("README.md:" + (i + 1) + ": a ```java block with no <!-- tour: ID --> line before it: "
                        + "take it from a compiled file (// tour:begin ID ... // tour:end ID)");
                out.addAll(block);
            } else if (!regions.containsKey(pendingId)) {
                problems.add("README.md:" + pendingLine + ": no compiled region '" + pendingId + "' (// tour:begin "
                        + pendingId + ") under " + SOURCE_ROOTS);
                out.addAll(block);
            } else {
                List<String> region = regions.get(pendingId);
                shown.add(pendingId);
                if (!region.equals(block)) {
                    problems.add("README.md:" + (i + 1) + ": the block '" + pendingId + "' differs from its compiled "
                            + "region: " + firstDifference(block, region));
                }
                out.addAll(update ? region : block);
            }
            out.add("```");
            i = close;
            pendingId = null;
        }
        for (String id : regions.keySet()) {
            if (!shown.contains(id)) {
                problems.add("region '" + id + "' is not shown in README.md (add <!-- tour: " + id
                        + " --> and a ```java block)");
            }
        }
        if (update) {
            Files.write(readme, out, StandardCharsets.UTF_8);
            System.out.println("README tour: rewrote " + shown.size() + " blocks from the compiled regions");
            return;
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.out.println("README tour: " + p));
            System.out.println("README tour: README.md is out of date with the code the build compiles; "
                    + "`java ci/ReadmeTour.java . --update` rewrites its blocks from the regions");
            System.exit(1);
        }
        System.out.println("README tour: " + shown.size() + " java blocks equal their compiled regions");
    }

    /** ID -> region lines (dedented) of every Java file under the source roots. */
    private static Map<String, List<String>> regions(Path root) throws IOException {
        Map<String, List<String>> regions = new LinkedHashMap<>();
        for (String dir : SOURCE_ROOTS) {
            if (!Files.isDirectory(root.resolve(dir))) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.walk(root.resolve(dir))) {
                files = s.filter(p -> p.toString().endsWith(".java")).sorted().collect(Collectors.toList());
            }
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher begin = BEGIN.matcher(lines.get(i));
                    if (!begin.matches()) {
                        continue;
                    }
                    String id = begin.group(1);
                    int end = i + 1;
                    while (end < lines.size() && !isEnd(lines.get(end), id)) {
                        end++;
                    }
                    if (end == lines.size()) {
                        throw new IllegalStateException(file + ":" + (i + 1) + ": // tour:begin " + id
                                + " has no // tour:end " + id);
                    }
                    if (regions.put(id, dedent(lines.subList(i + 1, end))) != null) {
                        throw new IllegalStateException("two regions named '" + id + "'; the second in " + file);
                    }
                    i = end;
                }
            }
        }
        return regions;
    }

    private static boolean isEnd(String line, String id) {
        Matcher m = END.matcher(line);
        return m.matches() && m.group(1).equals(id);
    }

    private static List<String> dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
                .collect(Collectors.toList());
    }

    private static String firstDifference(List<String> readme, List<String> code) {
        for (int i = 0; i < Math.max(readme.size(), code.size()); i++) {
            String a = i < readme.size() ? readme.get(i) : "(nothing)";
            String b = i < code.size() ? code.get(i) : "(nothing)";
            if (!a.equals(b)) {
                return "line " + (i + 1) + " of the block:\n    README: " + a + "\n    code:   " + b;
            }
        }
        return "(none)";
    }
}
