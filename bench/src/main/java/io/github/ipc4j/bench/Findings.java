package io.github.ipc4j.bench;

import java.util.Map;

/**
 * What the investigation of ipc4j's misses found, per mechanism: where the time goes and what would close
 * the gap. Measured with {@link PingPong} under {@code strace -f -c} (system calls per message) and with
 * this suite; the report prints the ones of the mechanisms it measured.
 */
final class Findings {
    private Findings() {}

    private static final String MACHINERY = "the wake-up machinery around each call that really blocks, which "
            + "makes it interruptible and close-safe (Blocking.begin/end: a CallSlot taken from a pool by one CAS "
            + "that also publishes the object it waits on, AbstractSelector.begin/end, which takes the thread's "
            + "blockerLock twice (the one hook Thread.interrupt() calls), and the native blocker's state CAS at "
            + "begin and end), the close safety of every call (NativeHandle enter/exit: a CAS and an atomic "
            + "decrement) and the JNI crossing (a direct buffer's address is one field read, not "
            + "GetDirectBufferAddress). About eight atomic instructions per blocking call: on this machine some "
            + "60-80 ns beside a system call of a few hundred. A WaitPredictor skips the machinery for an object "
            + "whose calls complete at once (a try first), and goes straight to the blocking call for 1,024 calls "
            + "after a try failed (16 until 2026-12-01: see the finding on every kernel mechanism). What a call that does not wait costs above FFM, measured without a system "
            + "call (io.github.ipc4j.bench.ffm.CallCostBreakdown, JDK 25, medians of 15 interleaved rounds of 20 "
            + "million: the close guard 12.0 ns for a descriptor (counted), 2.4 ns for a System V identifier "
            + "(nothing to release, so only the closed flag is read); a JNI crossing 13.3 ns against an FFM "
            + "downcall's 10.1 (critical: 8.3)): per send+receive about 2 x (12 + 3) = 30 ns above FFM for a "
            + "queue or FIFO, 2 x (2.4 + 3) = 11 ns for System V, plus the argument checks. The 10 ns target "
            + "is below the guard of a descriptor, which is what keeps close from freeing a descriptor under "
            + "a call (a number the OS could reuse); and the single-process rows cannot resolve it on this "
            + "machine, where a system call costs about 1.2 us and C's own send+receive of a POSIX queue "
            + "measured 2,200 to 2,600 ns in one session. Measured since in three rounds with the "
            + "implementations interleaved and paired (2026-12-01), the per-round overheads still spread "
            + "widely (POSIX queue: ipc4j 343-1,453 ns above C, FFM -236 to 709): pairing takes out the drift "
            + "over minutes, not the noise within a run. A 300 ms warm-up had measured ipc4j before C2 had "
            + "compiled its call chain (System V send+receive 2,774-2,804 ns; after 1.5 s 2,281-2,400, level "
            + "with FFM's 2,210-2,553): the short mode now warms up for 1.5 s.";

    /** The mechanisms whose every message goes through the kernel: {@link #A_JVM_PROCESS} applies to them. */
    static final java.util.Set<String> KERNEL_MECHANISMS = java.util.Set.of("posix-mq", "fifo", "sysv-msg",
            "posix-sem", "sysv-sem");

    /** What is left between any JVM and C on a kernel mechanism, whatever the binding (2026-12-01). */
    static final String A_JVM_PROCESS = "What is left of the round-trip gap is the cost of being a JVM, not of "
            + "ipc4j's binding; the one-way gap was partly ipc4j's (its tries, fixed) and is otherwise the "
            + "scheduler's answer to small differences. Measured with `LayerCosts` (bench/: two JVMs on one CPU "
            + "over two System V queues, three layers in turn, each run interleaved: `bare`, the JNI call blocking "
            + "under a blocker taken once; `blocking`, Blocking.begin/end around it; `api`, SysvMessageQueue). "
            + "Round trip, 8 B (`LayerCosts rtt 8 4`, mean per round trip, median of 5 batches of 100,000): bare "
            + "10.4-11.6 us, blocking 10.6-11.7, api 10.7-12.1; C's ping-pong 9.8 us (median) in the same "
            + "minutes. Each side is switched out exactly once per round trip whatever the layer, and a JVM comes "
            + "back to more of its own memory than a C loop does; FFM's column, the same system calls from a JVM, "
            + "shows the same floor. One-way, 8 KiB (`LayerCosts oneway 8192 5`; the default queue holds two such "
            + "messages): each send wakes the receiver, which may preempt the sender, and every preemption is two "
            + "context switches. The bare call sent 115-142 thousand messages/s with its thread switched out "
            + "0.44-0.65 times per message, blocking 118-131 thousand (0.45-0.53), api 97-110 thousand "
            + "(0.76-0.78); C 132-174 thousand. The difference was the WaitPredictor's tries: a send tried "
            + "without waiting again 16 calls after a failed try, and a failed 8 KiB try copies the message into "
            + "the kernel and out again; with no tries the api layer matched the bare call (114-120 thousand, "
            + "0.45-0.61), with a try again only after 1,000 calls too (107-112 thousand, 0.52). Since "
            + "2026-12-01 a failed try sends the next 1,024 calls straight to the blocking call: api 109-138 "
            + "thousand, 0.48-0.67 switches per message (bare 116-146 thousand in the same runs). An operation "
            + "that only adds (a semaphore post) never waits and no longer goes through the blocking machinery "
            + "at all. The suite's own one-way rows, before and after (3 rounds each, ipc4j/C): System V 8 KiB "
            + "0.72 to 0.78 (ipc4j/FFM 0.71 to 0.90), 1 KiB 0.84 to 0.91, 8 B 0.93 to 1.15; POSIX queue 1 KiB "
            + "0.77 to 0.95, 8 KiB 0.87 to 0.86: one round's ratio still swings by 20-40% here. Again later that "
            + "day, on a faster turn of the machine (C's System V round trip 7.2 us in the suite, not 10): "
            + "`LayerCosts rtt 8 4` gave bare 8.15-8.58 us, blocking 8.34-10.75, api 8.29-9.37, and three runs "
            + "of C's (`ipc4j-cbench sysv-msg rtt 8 300 1000`) medians of 7.48, 7.49 and 8.70 us: the layers' "
            + "cost is inside C's own spread from one run to the next. The suite's round trips in that run: "
            + "ipc4j/C 1.07-1.11 where FFM's was 1.01-1.04, so ipc4j's guarantees (interrupt, close, "
            + "virtual threads) cost 3-7% of a round trip here, about 0.3-0.6 us.";

    static final Map<String, String> BY_MECHANISM = Map.of(
            "posix-mq", "Found and fixed here: a receive that had to wait made three system calls where C "
                    + "makes one: a try that cannot wait (mq_timedreceive with a deadline already past, "
                    + "ETIMEDOUT), ppoll on the queue, the close descriptor and the thread's wake descriptor, "
                    + "then the try again (strace -f -c of `PingPong posix-mq ipc4j 20000`: 79,967 "
                    + "mq_timedreceive, 39,967 of them failed, and 39,966 ppoll for 40,000 messages; C and JNA: "
                    + "40,000). In a ping-pong the message is never there yet, so every receive paid it. A "
                    + "receive into a direct buffer now waits inside mq_receive under the thread's blocker "
                    + "(interrupt and close cut it short by its signal): 40,000 calls, as C; the round trip went "
                    + "from 1.74x to about 1.13x C (8.64 to 5.85 us, C 5.19). A receive whose message is already "
                    + "there keeps the cheap try through the WaitPredictor (below). A send from a direct buffer that finds the queue full now waits inside mq_send the "
                    + "same way (it was try, ppoll, try: three calls per wait in a one-way stream, where a full "
                    + "queue is the rule). The rest: " + MACHINERY + " Heap buffers keep the try/ppoll path (an "
                    + "array cannot stay pinned through a wait).",
            "fifo", "The same pattern as the POSIX queue was found here: the end's descriptor was non-blocking, so "
                    + "a read that had to wait was read (EAGAIN) + ppoll + read (81,341 read, 39,968 of them "
                    + "EAGAIN, 39,968 ppoll for 40,000 messages; C and JNA: 41,221 read). Now a read into a direct "
                    + "buffer with no deadline switches the descriptor to blocking mode (once, fcntl) and waits "
                    + "inside read(2) under the call's blocker: one system call, as C; tries and timed reads switch "
                    + "it back. What is left is that machinery on every such read, data there or not: in a plain "
                    + "loop of 8-byte write+read on one FIFO (JDK 25, 4 x 1,000,000, thread CPU time) ipc4j took "
                    + "1,680-1,890 ns where FFM's bare write and read took 1,470-1,660, the same two system calls "
                    + "(strace). The queues skip the machinery when a try succeeds (WaitPredictor); a FIFO cannot "
                    + "try without switching its descriptor to non-blocking mode and back (two fcntl calls around "
                    + "each try), and preadv2 with RWF_NOWAIT, which would try without the switch, works on "
                    + "anonymous pipes but fails with EOPNOTSUPP on a named FIFO (kernel 6.18 here: tried and "
                    + "reverted). The rest: " + MACHINERY,
            "sysv-msg", "A receive now returns length and type in one JNI result (it was two calls: the receive, "
                    + "then the type from the thread's scratch). Found and fixed earlier: the blocker disarmed its "
                    + "thread timer after every blocking call (timer_settime: 80,000 beside 80,000 msgsnd/msgrcv); "
                    + "now only when a timeout armed "
                    + "it, which took the round trip from 1.40x to about 1.19x C. The rest: the message's one "
                    + "copy through the thread's scratch buffer (msgsnd needs type and text contiguous) and "
                    + MACHINERY,
            "posix-sem", "The timer fix (above) took the round trip from 1.18x to about 1.10x C. An uncontended "
                    + "post+wait costs C 12 ns (no system call: glibc's futex fast path), so fixed per-call "
                    + "costs dominate the single-process ratio: " + MACHINERY + " What would close it: a "
                    + "cheaper in-call marker for close safety (a per-thread flag with an asymmetric fence, "
                    + "membarrier in close) and the wake-up machinery only on the path that really waits.",
            "sysv-sem", "Besides the timer fix, a wait first tried with IPC_NOWAIT, which fails every time in a "
                    + "ping-pong (119,520 semtimedop for 80,000 operations). Now the WaitPredictor goes straight "
                    + "to the blocking call after a failed try (one failed try in 1,025 calls in a ping-pong), and "
                    + "an uncontended set still tries first and skips the machinery. The rest: " + MACHINERY,
            "posix-shm", "Paced by POSIX semaphores: what the POSIX semaphore row says; the copies are plain "
                    + "ByteBuffer copies in every Java implementation.",
            "sysv-shm", "Paced by System V semaphores: what the System V semaphore row says.",
            "shm-spin", "No system call per message in any implementation; ipc4j's getLongVolatile / "
                    + "setLongVolatile read the mapping's volatile reference and go through a bounds-checked "
                    + "VarHandle on a ByteBuffer. The spinning sides need two CPUs to themselves: on a shared "
                    + "two-CPU machine the p99 shows other processes' time slices, and the one-way throughput depends on how "
                    + "the two spinning sides fall into step: it varies several-fold between runs and sizes.",
            "channel", "No system call per message while the other side spins: strace -f -c of `PingPong channel "
                    + "ipc4j 100000` counted 7,735 futex calls in both JVMs (their own housekeeping included) for "
                    + "200,000 messages. Layout version 2: the receiver spins on the record's own header slot, which "
                    + "the sender stores last (the commit), instead of reading the tail first: a short message now "
                    + "costs it one cache line from the sender instead of two one after the other. The C ring, "
                    + "changed alike, went from a median of 236 to 200 ns (8 B) and 431 to 400 ns (1 KiB) over ten "
                    + "interleaved runs each; ipc4j's 8 B round trip from 0.29-0.31 us to 0.23-0.28 us per round, "
                    + "the same as Aeron's median in the same rounds (0.27 us) with a lower p99 (2026-11-30, "
                    + "`./bench/run.sh --only=channel --cpus=spread`, 3 rounds). What is left against C at 8 B "
                    + "(0.27 against 0.20 us) is not attributed: not the one-call guard's compare-and-set (a build "
                    + "without it, two pinned JVMs in a plain loop, JDK 17, three interleaved pairs of runs: "
                    + "medians 221-241 ns against 230-251 with it), and the single-process row puts ipc4j's "
                    + "send+receive only 10 ns above C's (56 against 46 ns). In that plain loop ipc4j's median is "
                    + "230-250 ns, between the JMH row's 0.27 us and C's 0.20. A pause (Thread.onSpinWait) per re-check of the "
                    + "ring tripled the round trip on this 2-CPU virtual machine (back-to-back pauses look like a "
                    + "spinning lock to the hypervisor: pause-loop exiting); one pause per 64 re-checks costs "
                    + "nothing measurable. A spinning wait reads the clock and checks close and interrupt once per 8 "
                    + "re-checks. Short messages (up to 64 B) are copied by long words (two 8-byte copies: 24.7 ns "
                    + "by ByteBuffer's bulk put, 6.5 by words, JDK 17). The commit's tail store and the head store "
                    + "stay volatile (full-fence) stores, as in C (seq_cst): the read of the other side's sleeping "
                    + "flag after them is what keeps a wake-up from being lost. Chronicle Queue and Aeron poll "
                    + "without sleeping: on a shared machine their tails (p99, p99.9) show other processes' time "
                    + "slices, and Chronicle's tailer does more work per read than a ring. Aeron's receiver copies "
                    + "the message into its own buffer, as every other implementation here does. Round trips at "
                    + "1 KiB and 8 KiB are bimodal per run on this machine, for every implementation alike (1 KiB, "
                    + "one run: C 1.31, 1.37 and 0.43 us in its three rounds; Aeron 1.60, 0.62, 1.76; ipc4j 1.68, "
                    + "1.42, 0.49), so one round's ratio can swing by 30%; one-way throughput at 1 KiB and 8 KiB "
                    + "varies more (ipc4j/C per round 0.14-0.79 and 0.44-2.96 in that run): how the two spinning "
                    + "sides fall into step decides it, and the pairing of rounds cannot remove that. The 8 B round "
                    + "trip is bimodal too: 17 runs of the C ring within half an hour (2026-12-01, "
                    + "`CBENCH_CPUS=spread ipc4j-cbench channel rtt 8 300 1000`) gave medians of 140-210 ns in 12 "
                    + "and 531-601 ns in five; 21 runs of ipc4j interleaved with them (each round trip timed like "
                    + "C's, 2,000,000 after 1.5 s of warm-up) gave 180-331 ns in 18 and 612-661 ns in three. In "
                    + "the fast mode ipc4j's median was 230-270 ns in 14 of those 18 runs (180-201 in three), "
                    + "against C's 140-210: about 1.2 x, at the target's edge, where one slow round of three "
                    + "decides the report's median. Spinning as C does (the clock and a pause after every "
                    + "re-check), or reading the clock once per 64 re-checks, stayed within that spread.");
}
