package io.github.ipc4j.bench.ffm;

import io.github.ipc4j.internal.NativeCommon;
import io.github.ipc4j.internal.NativeHandle;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Where ipc4j's per-call cost above FFM goes, measured without a system call (a system call on the
 * machine this suite was tuned on costs about 1.2 us and varies by hundreds of ns between runs, which
 * hides differences of 10 ns): the close guard of every call (NativeHandle enter+exit, counted and for an
 * object that holds nothing), a JNI crossing of a static native, and an FFM downcall, plain and critical.
 * Each loop runs 20 million times per round, 15 rounds interleaved; prints the median and the minimum.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp "bench/target/classes:bench/target/classes-ffm:$(cat
 *   bench/target/classpath.txt)" io.github.ipc4j.bench.ffm.CallCostBreakdown</pre>
 */
public final class CallCostBreakdown {
    private static final int CALLS = 20_000_000;
    private static final int ROUNDS = 15;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor INT_INT = FunctionDescriptor.of(JAVA_INT, JAVA_INT);
    private static final MethodHandle ABS = LINKER.downcallHandle(LINKER.defaultLookup().find("abs").orElseThrow(),
            INT_INT);
    private static final MethodHandle ABS_CRITICAL = LINKER.downcallHandle(
            LINKER.defaultLookup().find("abs").orElseThrow(), INT_INT, Linker.Option.critical(false));
    private static volatile int sink;

    private CallCostBreakdown() {}

    private interface Loop {
        int run(int calls) throws Throwable;
    }

    public static void main(String[] args) throws Throwable {
        NativeCommon.capabilities(); // loads the library
        NativeHandle counted = new NativeHandle("counted", () -> { });
        NativeHandle holdingNothing = NativeHandle.holdingNothing("holding nothing");
        String[] names = {"NativeHandle enter+exit (a descriptor: counted)",
                "NativeHandle enter+exit (an identifier: holdingNothing)", "JNI crossing (static native, no arguments)",
                "FFM downcall (abs)", "FFM critical downcall (abs)"};
        Loop[] loops = {
            n -> {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    counted.enter();
                    s += i;
                    counted.exit();
                }
                return s;
            },
            n -> {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    holdingNothing.enter();
                    s += i;
                    holdingNothing.exit();
                }
                return s;
            },
            n -> {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    s += NativeCommon.capabilities();
                }
                return s;
            },
            n -> {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    s += (int) ABS.invokeExact(i);
                }
                return s;
            },
            n -> {
                int s = 0;
                for (int i = 0; i < n; i++) {
                    s += (int) ABS_CRITICAL.invokeExact(i);
                }
                return s;
            },
        };
        double[][] ns = new double[loops.length][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int l = 0; l < loops.length; l++) {
                long start = System.nanoTime();
                sink = loops[l].run(CALLS);
                ns[l][round] = (System.nanoTime() - start) / (double) CALLS;
            }
        }
        for (int l = 0; l < loops.length; l++) {
            double[] sorted = ns[l].clone();
            Arrays.sort(sorted);
            System.out.printf("%-56s median %5.1f ns, min %5.1f ns%n", names[l], sorted[ROUNDS / 2], sorted[0]);
        }
    }
}
