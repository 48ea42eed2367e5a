/** A consumer of ipc4j on the module path: the build compiles and runs it (examples/module-path-test.sh). */
module io.github.ipc4j.modular {
    requires io.github.ipc4j;
    requires java.management; // to start its peer JVM with its own JVM options
}
