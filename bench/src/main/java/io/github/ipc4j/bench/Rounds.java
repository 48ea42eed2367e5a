package io.github.ipc4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Measuring in rounds, so that the machine's drift (on a small virtual machine the same measurement moves by
 * 10-30 % within minutes) does not decide a ratio: the plan's measurements are grouped by what they compare
 * (mechanism, kind, size); each round measures every implementation of a group once, in an order rotated per
 * round; and two implementations are compared round by round (round r against round r), the median of those
 * per-round comparisons being the result. A slow phase of the machine then slows both sides of a pair
 * alike instead of whichever implementation happened to run in it.
 */
final class Rounds {
    private Rounds() {}

    /**
     * The plan's measurements grouped by what is compared side by side: the same mechanism, size and kind (the
     * two thread kinds form one group: their ratio is the virtual-thread table's), in plan order.
     */
    static List<List<Measurement>> groups(List<Measurement> plan) {
        Map<List<Object>, List<Measurement>> groups = new LinkedHashMap<>();
        for (Measurement m : plan) {
            List<Object> key = List.of(m.mechanism, m.kind.threads() ? "threads" : m.kind.name(), m.size);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
        }
        return new ArrayList<>(groups.values());
    }

    /** The order of round r (0-based): the list starting at its element r mod n, wrapping around. */
    static <T> List<T> rotated(List<T> list, int round) {
        List<T> order = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            order.add(list.get((round + i) % list.size()));
        }
        return order;
    }

    /**
     * The rounds of a group in the order they run: round 0 of each of its measurements that is not skipped,
     * then round 1 in the order rotated by one, and so on ({@link #rotated}); each a new {@link Measurement#round}.
     */
    static List<Measurement> schedule(List<Measurement> group, int rounds) {
        List<Measurement> measured = new ArrayList<>();
        for (Measurement m : group) {
            if (m.skipped == null) {
                measured.add(m);
            }
        }
        List<Measurement> order = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (Measurement m : rotated(measured, r)) {
                order.add(m.round(r));
            }
        }
        return order;
    }

    /**
     * The group once its rounds ran (ran: the schedule's measurements, filled in): each skipped measurement as
     * it is, each other the combination of its rounds ({@link Measurement#combine}), in the group's order.
     */
    static List<Measurement> combined(List<Measurement> group, List<Measurement> ran) {
        List<Measurement> result = new ArrayList<>();
        for (Measurement m : group) {
            if (m.skipped != null) {
                result.add(m);
                continue;
            }
            List<Measurement> rounds = new ArrayList<>();
            for (Measurement r : ran) {
                if (r.kind == m.kind && r.impl == m.impl && r.size == m.size && r.mechanism.equals(m.mechanism)) {
                    rounds.add(r);
                }
            }
            rounds.sort(Comparator.comparingInt(r -> r.round));
            result.add(Measurement.combine(rounds));
        }
        return result;
    }

    /** The median of f over ms, NaN values left out (NaN when none is left); of an even count, the mean of the middle two. */
    static double median(List<Measurement> ms, ToDoubleFunction<Measurement> f) {
        return median(ms.stream().mapToDouble(f).toArray());
    }

    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * One implementation against another: the median, smallest and largest over the rounds both measured of
     * op(f(a's round r), f(b's round r)), and how many rounds were paired. When they were not measured in the
     * same number (two or more) of rounds, or no round of one pairs with a measured round of the other, it is
     * op(f(a), f(b)) of the combined measurements (pairs 0, no spread); NaN when either was not measured.
     */
    static Paired pair(Measurement a, Measurement b, ToDoubleFunction<Measurement> f, DoubleBinaryOperator op) {
        if (a == null || b == null || !a.measured() || !b.measured()) {
            return Paired.NONE;
        }
        if (a.rounds.size() >= 2 && a.rounds.size() == b.rounds.size()) {
            List<Double> per = new ArrayList<>();
            for (int r = 0; r < a.rounds.size(); r++) {
                Measurement ar = a.rounds.get(r);
                Measurement br = b.rounds.get(r);
                if (ar.measured() && br.measured()) {
                    double v = op.applyAsDouble(f.applyAsDouble(ar), f.applyAsDouble(br));
                    if (!Double.isNaN(v)) {
                        per.add(v);
                    }
                }
            }
            if (!per.isEmpty()) {
                double[] v = per.stream().mapToDouble(Double::doubleValue).toArray();
                return new Paired(median(v), Arrays.stream(v).min().getAsDouble(), Arrays.stream(v).max().getAsDouble(),
                        v.length);
            }
        }
        double v = op.applyAsDouble(f.applyAsDouble(a), f.applyAsDouble(b));
        return Double.isNaN(v) ? Paired.NONE : new Paired(v, Double.NaN, Double.NaN, 0);
    }

    /** a / b of the headline values, round by round. */
    static Paired ratio(Measurement a, Measurement b) {
        return pair(a, b, Measurement::value, (x, y) -> x / y);
    }

    /** a − b of the headline values, round by round. */
    static Paired difference(Measurement a, Measurement b) {
        return pair(a, b, Measurement::value, (x, y) -> x - y);
    }

    /**
     * A comparison of two measurements: value (the median of the per-round values, or the one value of the
     * combined measurements when pairs is 0), their range over the pairs, and how many rounds were paired.
     */
    record Paired(double value, double min, double max, int pairs) {
        static final Paired NONE = new Paired(Double.NaN, Double.NaN, Double.NaN, 0);

        boolean measured() {
            return !Double.isNaN(value);
        }

        /**
         * value in format, then the spread when two or more rounds were paired: "1.03 × (0.98–1.09 over 3
         * rounds)" (long), "1.03× (0.98–1.09)" (short); a single paired round says so in the long form.
         */
        String text(String format, String unit, boolean longForm) {
            if (!measured()) {
                return "–";
            }
            String v = String.format(format, value) + unit;
            if (pairs >= 2) {
                String range = String.format(format, min) + "–" + String.format(format, max);
                return v + (longForm ? " (" + range + " over " + pairs + " rounds)" : " (" + range + ")");
            }
            return pairs == 1 && longForm ? v + " (1 round)" : v;
        }
    }
}
