import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a library's RegisterNatives tables against the Java natives (as javac -h describes them), for
 * libraries whose natives no test here can call (Windows'): every entry names a native that Java
 * declares with that signature, and every Java native has an entry.
 *   java ci/JniSignatures.java <javac -h headers dir> <preprocessed glue file>...
 */
public final class JniSignatures {
    private static final Pattern CLASS = Pattern.compile("ipc4j_native_class\\s+\\w+\\s*=\\s*\\{\\s*\"(\\w+)\"");
    private static final Pattern TABLE = Pattern.compile("JNINativeMethod\\s+\\w+\\[\\]\\s*=\\s*\\{(.*?)\\};",
            Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile("\\{\\s*\"(\\w+)\"\\s*,\\s*((?:\"[^\"]*\"\\s*)+),");
    private static final Pattern LITERAL = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern DECLARED = Pattern.compile("\\* Method:\\s+(\\w+)\\s+\\* Signature:\\s+(\\S+)");

    public static void main(String[] args) throws Exception {
        Path headers = Paths.get(args[0]);
        int problems = 0;
        int checked = 0;
        for (int i = 1; i < args.length; i++) {
            String text = Files.readString(Paths.get(args[i]), StandardCharsets.UTF_8);
            Matcher cls = CLASS.matcher(text);
            Matcher table = TABLE.matcher(text);
            if (!cls.find() || !table.find()) {
                continue;
            }
            String className = cls.group(1);
            Path header = headers.resolve("io_github_ipc4j_internal_" + className + ".h");
            Set<String> declared = new HashSet<>();
            Matcher d = DECLARED.matcher(Files.readString(header, StandardCharsets.UTF_8));
            while (d.find()) {
                declared.add(d.group(1) + d.group(2));
            }
            Set<String> registered = new HashSet<>();
            Matcher e = ENTRY.matcher(table.group(1));
            while (e.find()) {
                StringBuilder signature = new StringBuilder();
                Matcher literal = LITERAL.matcher(e.group(2));
                while (literal.find()) {
                    signature.append(literal.group(1));
                }
                registered.add(e.group(1) + signature);
                checked++;
            }
            for (String entry : registered) {
                if (!declared.contains(entry)) {
                    System.err.println(args[i] + ": registers " + className + "." + entry + ", which Java does not declare");
                    problems++;
                }
            }
            for (String entry : declared) {
                if (!registered.contains(entry)) {
                    System.err.println(args[i] + ": Java declares " + className + "." + entry + ", which is not registered");
                    problems++;
                }
            }
        }
        if (problems > 0 || checked == 0) {
            System.err.println("jni-signatures: " + problems + " problems, " + checked + " registrations checked");
            System.exit(1);
        }
        System.out.println("jni-signatures: " + checked + " registrations match the Java natives");
    }
}
