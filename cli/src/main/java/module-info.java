/**
 * ipc4j, the command-line tool, as a module: it reads ipc4j's exported API and picocli (and jdk.unsupported for a
 * signal handler), so the compiler refuses any use of ipc4j's internal package, {@code io.github.ipc4j.internal}.
 *
 * <p>The executable jar (shaded, module descriptors left out) runs on the class path as before; the same classes
 * also run on the module path (ModulePathIT): {@code java --module-path ipc4j.jar:picocli.jar:ipc4j-cli.jar
 * --class-path ipc4j-<platform>.jar -m io.github.ipc4j.cli/io.github.ipc4j.cli.Main}.
 */
module io.github.ipc4j.cli {
    requires io.github.ipc4j;
    requires info.picocli;
    requires jdk.unsupported; // sun.misc.Signal: watch gives the screen back on Ctrl-C

    // picocli fills the commands' @Option and @Parameters fields and reads their annotations by reflection
    opens io.github.ipc4j.cli to info.picocli;
}
