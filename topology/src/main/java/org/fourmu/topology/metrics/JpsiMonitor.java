package org.fourmu.topology.metrics;

import java.util.Map;
import java.util.TreeMap;
import org.fourmu.avro.JpsiRunFit;
import org.fourmu.physics.fit.JpsiPeakFit;

/**
 * The J/psi monitor that an instance's gauges show: the latest fit of each recent run as published on
 * {@code fourmu.jpsi} (each run's muon pairs summed over every stream task, exactly once), read by every instance
 * from a global store, so that all instances show the same numbers.
 */
public final class JpsiMonitor {

    /** Runs whose fits are kept (the lowest experiment/run is dropped first). */
    public static final int KEPT_RUNS = 20;

    /**
     * A fit worth showing: converged, with the yield at least this many standard errors above zero (at a run's
     * start a handful of pairs can make a converged but meaningless "peak").
     */
    public static final double MIN_YIELD_SIGNIFICANCE = 3;

    /** One run's fit. */
    public record RunPeak(int experiment, int run, JpsiPeakFit.Result fit) {
    }

    /** Kept fits by (experiment, run), as published. */
    private final TreeMap<Long, JpsiRunFit> runs = new TreeMap<>();
    private RunPeak latest;

    private static long key(int experiment, int run) {
        return ((long) experiment << 32) | (run & 0xffffffffL);
    }

    /**
     * A fit from {@code fourmu.jpsi}. A run's counts only grow, so a fit with fewer pairs (or as many and fewer
     * candidates) than the kept one is older, replayed or reordered, and is ignored.
     */
    public synchronized void update(JpsiRunFit fit) {
        long k = key(fit.getExperiment(), fit.getRun());
        JpsiRunFit kept = runs.get(k);
        if (kept != null && isOlder(fit, kept)) {
            return;
        }
        runs.put(k, fit);
        while (runs.size() > KEPT_RUNS) {
            runs.pollFirstEntry();
        }
        latest = null;
        for (Map.Entry<Long, JpsiRunFit> e : runs.descendingMap().entrySet()) {
            JpsiPeakFit.Result r = result(e.getValue());
            if (shown(r)) {
                latest = new RunPeak(e.getValue().getExperiment(), e.getValue().getRun(), r);
                break;
            }
        }
    }

    /** Whether {@code a} was fitted on fewer of the run's data than {@code b} (pairs, then candidates). */
    public static boolean isOlder(JpsiRunFit a, JpsiRunFit b) {
        return a.getPairs() < b.getPairs() || a.getPairs() == b.getPairs() && a.getCandidates() < b.getCandidates();
    }

    static boolean shown(JpsiPeakFit.Result fit) {
        return fit != null && fit.converged() && fit.yield() >= MIN_YIELD_SIGNIFICANCE * fit.yieldError();
    }

    /** The published fit as the physics' result (the background slope is not published: NaN). */
    public static JpsiPeakFit.Result result(JpsiRunFit f) {
        return new JpsiPeakFit.Result(JpsiPeakFit.Status.valueOf(f.getStatus().name()), f.getMassGeV(), f.getMassErrorGeV(),
                f.getWidthGeV(), f.getWidthErrorGeV(), f.getSignalYield(), f.getSignalYieldError(), f.getBackground(), Double.NaN,
                f.getPairs());
    }

    /** The latest run with a fit worth showing, or null before the first. */
    public synchronized RunPeak latest() {
        return latest;
    }

    /** The kept fit of a run, or null. */
    public synchronized JpsiRunFit fit(int experiment, int run) {
        return runs.get(key(experiment, run));
    }
}
