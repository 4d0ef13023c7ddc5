package org.fourmu.topology.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fourmu.physics.fit.JpsiPeakFit;
import org.fourmu.physics.spectrum.Histogram;

/**
 * The J/psi monitor of one application instance: per run, the histogram of the opposite-sign muon-pair masses
 * around 3.1 GeV ({@code EventSelection.Outcome.muonPairMassesGeV}) and its latest {@link JpsiPeakFit}. Every stream
 * task of the instance fills it (so it is thread-safe); a run's peak is refitted when its histogram changed.
 * Not a state store: after a restart the monitor starts again from the events it sees, which is what a
 * shift monitor wants. With several instances each fits its own partitions' share of the run.
 */
public final class JpsiMonitor {

    /** Runs whose histograms are kept (the oldest is dropped first). */
    public static final int KEPT_RUNS = 20;

    /** One run's histogram and fit. */
    public record RunPeak(int experiment, int run, JpsiPeakFit.Result fit) {
    }

    private static final class RunHistogram {
        final Histogram histogram = JpsiPeakFit.histogram();
        boolean changed;
        JpsiPeakFit.Result fit;
    }

    private final Map<Long, RunHistogram> runs = new LinkedHashMap<>();
    private RunPeak latest;

    private static long key(int experiment, int run) {
        return ((long) experiment << 32) | (run & 0xffffffffL);
    }

    /** Pair masses of one event of a run; masses outside the monitor's window are ignored. */
    public synchronized void fill(int experiment, int run, double[] pairMassesGeV) {
        RunHistogram h = null;
        for (double m : pairMassesGeV) {
            if (m >= JpsiPeakFit.LOW_GEV && m < JpsiPeakFit.HIGH_GEV) {
                if (h == null) {
                    h = runs.computeIfAbsent(key(experiment, run), k -> new RunHistogram());
                }
                h.histogram.fill(m);
                h.changed = true;
            }
        }
        while (runs.size() > KEPT_RUNS) {
            Long oldest = runs.keySet().iterator().next();
            runs.remove(oldest);
        }
    }

    /**
     * A fit worth showing: converged, with the yield at least this many standard errors above zero (at a run's
     * start a handful of pairs can make a converged but meaningless "peak").
     */
    public static final double MIN_YIELD_SIGNIFICANCE = 3;

    /**
     * Refits every run whose histogram changed since its last fit; returns the runs refitted. The latest
     * peak becomes that of the highest (experiment, run) with a fit worth showing.
     */
    public synchronized List<RunPeak> fitChanged() {
        List<RunPeak> refitted = new ArrayList<>();
        for (Map.Entry<Long, RunHistogram> e : runs.entrySet()) {
            RunHistogram h = e.getValue();
            if (h.changed) {
                h.fit = JpsiPeakFit.fit(h.histogram);
                h.changed = false;
                refitted.add(peak(e.getKey(), h.fit));
            }
        }
        long best = Long.MIN_VALUE;
        for (Map.Entry<Long, RunHistogram> e : runs.entrySet()) {
            if (shown(e.getValue().fit) && e.getKey() > best) {
                best = e.getKey();
            }
        }
        if (best != Long.MIN_VALUE) {
            latest = peak(best, runs.get(best).fit);
        }
        return refitted;
    }

    static boolean shown(JpsiPeakFit.Result fit) {
        return fit != null && fit.converged() && fit.yield() >= MIN_YIELD_SIGNIFICANCE * fit.yieldError();
    }

    private static RunPeak peak(long key, JpsiPeakFit.Result fit) {
        return new RunPeak((int) (key >> 32), (int) key, fit);
    }

    /** The latest run with a fit worth showing, or null before the first. */
    public synchronized RunPeak latest() {
        return latest;
    }

    /** A copy of a run's histogram (empty if the run is not kept). */
    public synchronized Histogram histogram(int experiment, int run) {
        RunHistogram h = runs.get(key(experiment, run));
        return h == null ? JpsiPeakFit.histogram() : h.histogram.copy();
    }
}
