package io.github.ipc4j.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measuring in rounds, on synthetic measurements: which runs when (rotated per round), how rounds combine, and
 * how two implementations are compared round by round (a drift that hits a round's implementations alike
 * cancels; a failed round is left out of the pairs).
 */
class RoundsTest {
    private static Measurement planned(Kind kind, Impl impl) {
        return new Measurement("posix-mq", kind, impl, 8);
    }

    /** Rounds of impl with these round-trip medians (NaN: that round failed). */
    private static Measurement rounds(Impl impl, double... medians) {
        List<Measurement> rounds = new ArrayList<>();
        for (int r = 0; r < medians.length; r++) {
            Measurement m = planned(Kind.RTT, impl).round(r);
            if (Double.isNaN(medians[r])) {
                m.failed = "java.io.IOException: round " + (r + 1) + " broke";
            } else {
                m.medianNs = medians[r];
                m.p99Ns = 2 * medians[r];
                m.p999Ns = 3 * medians[r];
            }
            rounds.add(m);
        }
        return Measurement.combine(rounds);
    }

    @Test
    void eachRoundStartsOneImplementationLaterSoThatNoneIsAlwaysFirst() {
        List<Impl> impls = List.of(Impl.C, Impl.IPC4J, Impl.JNA, Impl.FFM);
        assertEquals(impls, Rounds.rotated(impls, 0));
        assertEquals(List.of(Impl.IPC4J, Impl.JNA, Impl.FFM, Impl.C), Rounds.rotated(impls, 1));
        assertEquals(List.of(Impl.FFM, Impl.C, Impl.IPC4J, Impl.JNA), Rounds.rotated(impls, 3));
        assertEquals(impls, Rounds.rotated(impls, 4));
    }

    @Test
    void theScheduleRunsEveryImplementationOncePerRoundInRotatedOrderAndSkipsTheSkipped() {
        Measurement c = planned(Kind.RTT, Impl.C);
        Measurement ipc4j = planned(Kind.RTT, Impl.IPC4J);
        Measurement jna = planned(Kind.RTT, Impl.JNA);
        jna.skipped = "not here";
        Measurement ffm = planned(Kind.RTT, Impl.FFM);
        List<Measurement> schedule = Rounds.schedule(List.of(c, ipc4j, jna, ffm), 3);
        List<String> order = new ArrayList<>();
        schedule.forEach(m -> order.add(m.impl.id() + m.round));
        assertEquals(List.of("c0", "ipc4j0", "ffm0", "ipc4j1", "ffm1", "c1", "ffm2", "c2", "ipc4j2"), order);
        assertTrue(schedule.stream().noneMatch(m -> m == c || m == ipc4j || m == ffm), "each round is a new measurement");

        schedule.forEach(m -> m.medianNs = 1000 * (m.round + 1) + m.impl.ordinal());
        List<Measurement> combined = Rounds.combined(List.of(c, ipc4j, jna, ffm), schedule);
        assertEquals(4, combined.size());
        assertTrue(combined.get(2) == jna, "the skipped one as it was");
        Measurement ffmCombined = combined.get(3);
        assertEquals(Impl.FFM, ffmCombined.impl);
        assertEquals(List.of(0, 1, 2), ffmCombined.rounds.stream().map(m -> m.round).toList(), "in round order");
        assertEquals(2000 + Impl.FFM.ordinal(), ffmCombined.medianNs);
    }

    @Test
    void theGroupsAreWhatIsComparedSideBySideWithBothThreadKindsInOne() {
        List<Measurement> plan = List.of(planned(Kind.RTT, Impl.C), planned(Kind.RTT, Impl.IPC4J),
                new Measurement("posix-mq", Kind.TPUT, Impl.C, 8), new Measurement("posix-mq", Kind.TPUT, Impl.IPC4J, 8),
                new Measurement("posix-mq", Kind.TPUT, Impl.C, 1024), new Measurement("posix-mq", Kind.TPUT, Impl.IPC4J, 1024),
                planned(Kind.PLATFORM, Impl.IPC4J), planned(Kind.VIRTUAL, Impl.IPC4J),
                new Measurement("fifo", Kind.RTT, Impl.C, 8));
        List<List<Measurement>> groups = Rounds.groups(plan);
        assertEquals(List.of(2, 2, 2, 2, 1), groups.stream().map(List::size).toList());
        assertEquals(List.of(Kind.PLATFORM, Kind.VIRTUAL), groups.get(3).stream().map(m -> m.kind).toList());
        assertEquals(1024, groups.get(2).get(0).size);
    }

    @Test
    void aCombinedMeasurementIsTheMedianOfItsRoundsAndTheLargestAllocation() {
        List<Measurement> rounds = new ArrayList<>();
        double[] rates = {100, 300, 200, 250};
        double[] bytes = {0, 24, Double.NaN, 0};
        for (int r = 0; r < rates.length; r++) {
            Measurement m = new Measurement("posix-mq", Kind.TPUT, Impl.IPC4J, 8).round(r);
            m.messagesPerSecond = rates[r];
            m.bytesPerOp = bytes[r];
            rounds.add(m);
        }
        Measurement combined = Measurement.combine(rounds);
        assertEquals(225, combined.messagesPerSecond, 1e-9, "of an even count, the mean of the middle two");
        assertEquals(24, combined.bytesPerOp);
        assertTrue(combined.measured());
        assertEquals(List.of(), combined.failedRounds());
    }

    @Test
    void aFailedRoundIsLeftOutOfTheCombinationAndReportedButAllFailedIsAFailure() {
        Measurement some = rounds(Impl.IPC4J, 1000, Double.NaN, 3000);
        assertTrue(some.measured());
        assertNull(some.failed);
        assertEquals(2000, some.medianNs, 1e-9);
        assertEquals(1, some.failedRounds().size());
        assertEquals(1, some.failedRounds().get(0).round);

        Measurement none = rounds(Impl.IPC4J, Double.NaN, Double.NaN);
        assertFalse(none.measured());
        assertTrue(none.failed.contains("round 1: java.io.IOException: round 1 broke")
                && none.failed.contains("round 2: java.io.IOException: round 2 broke"), none.failed);
    }

    @Test
    void aDriftThatHitsEveryImplementationOfARoundAlikeCancelsInThePairedRatio() {
        // the machine's speed per round: 1.0, 1.3 (busy), 0.7; ipc4j is truly 1.04 x C
        double[] drift = {1.0, 1.3, 0.7};
        double[] c = new double[3];
        double[] ipc = new double[3];
        for (int r = 0; r < 3; r++) {
            c[r] = 2000 * drift[r];
            ipc[r] = 2080 * drift[r];
        }
        Rounds.Paired p = Rounds.ratio(rounds(Impl.IPC4J, ipc), rounds(Impl.C, c));
        assertEquals(1.04, p.value(), 1e-9);
        assertEquals(1.04, p.min(), 1e-9);
        assertEquals(1.04, p.max(), 1e-9);
        assertEquals(3, p.pairs());
        assertEquals("1.04 × (1.04–1.04 over 3 rounds)", p.text("%.2f", " ×", true));

        // one implementation alone hit in one round: the median keeps the others, the range shows it
        ipc[2] *= 1.5;
        p = Rounds.ratio(rounds(Impl.IPC4J, ipc), rounds(Impl.C, c));
        assertEquals(1.04, p.value(), 1e-9);
        assertEquals(1.56, p.max(), 1e-9);
        assertEquals("1.04× (1.04–1.56)", p.text("%.2f", "×", false));
    }

    @Test
    void aFailedRoundOnEitherSideIsNotPairedAndTheOthersStillPairRoundByRound() {
        // C's round 3 failed, ipc4j's round 1: only round 2 pairs (and gives the true 1.04); the medians of the
        // two combined measurements come from different rounds (a drift between them) and would give 1.73
        Measurement c = rounds(Impl.C, 1000, 2000, Double.NaN);
        Measurement ipc = rounds(Impl.IPC4J, Double.NaN, 2080, 3100);
        assertEquals(2590 / 1500.0, ipc.medianNs / c.medianNs, 1e-9);
        Rounds.Paired p = Rounds.ratio(ipc, c);
        assertEquals(1.04, p.value(), 1e-9);
        assertEquals(1, p.pairs());
        assertEquals("1.04 × (1 round)", p.text("%.2f", " ×", true));

        // the overhead is the median of the per-round differences, on the paired rounds only
        Measurement jna = rounds(Impl.JNA, 1300, Double.NaN, 2500);
        Rounds.Paired over = Rounds.difference(jna, rounds(Impl.C, 1000, 2000, 2200));
        assertEquals(300, over.value(), 1e-9);
        assertEquals(2, over.pairs());
        assertEquals(300, over.min(), 1e-9);
        assertEquals(300, over.max(), 1e-9);
    }

    @Test
    void withoutPairedRoundsItIsValueOverValueAndWithoutAValueNothing() {
        Measurement once = planned(Kind.RTT, Impl.IPC4J);
        once.medianNs = 1100;
        Rounds.Paired p = Rounds.ratio(once, rounds(Impl.C, 900, 1000, 1100));
        assertEquals(1.1, p.value(), 1e-9, "not the same number of rounds: the combined values");
        assertEquals(0, p.pairs());
        assertEquals("1.10 ×", p.text("%.2f", " ×", true));

        // both measured, but never in the same round
        p = Rounds.ratio(rounds(Impl.IPC4J, 1100, Double.NaN), rounds(Impl.C, Double.NaN, 1000));
        assertEquals(1.1, p.value(), 1e-9);
        assertEquals(0, p.pairs());

        assertFalse(Rounds.ratio(once, rounds(Impl.C, Double.NaN, Double.NaN)).measured());
        assertFalse(Rounds.ratio(once, null).measured());
        assertEquals("–", Rounds.ratio(null, once).text("%.2f", "×", false));
    }
}
