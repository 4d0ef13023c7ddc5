package org.fourmu.topology.aggregation;

import java.util.Arrays;
import org.fourmu.physics.fit.JpsiPeakFit;
import org.fourmu.physics.spectrum.Histogram;

/**
 * One stream task's share of a run for the J/psi monitor: its histogram of muon-pair masses in
 * {@link JpsiPeakFit}'s window and its cut flow's candidates, cumulative since the run's first event. The value on
 * {@code fourmu.jpsi.partials} (a {@code long[]}: experiment, run, source partition, candidates, then the bins),
 * keyed "experiment/run/partition", so the latest of each task replaces its earlier ones.
 */
public record JpsiPartial(int experiment, int run, int partition, long candidates, long[] counts) {

    private static final int HEADER = 4;

    public JpsiPartial {
        if (counts.length != JpsiPeakFit.BINS) {
            throw new IllegalArgumentException("a J/psi partial has " + JpsiPeakFit.BINS + " bins, not " + counts.length);
        }
    }

    /** The topic key: "experiment/run/partition". */
    public String key() {
        return runKey(experiment, run) + partition;
    }

    /** The prefix of every partial's key of a run: "experiment/run/". */
    public static String runKey(int experiment, int run) {
        return experiment + "/" + run + "/";
    }

    public long pairs() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    public long[] toArray() {
        long[] v = new long[HEADER + counts.length];
        v[0] = experiment;
        v[1] = run;
        v[2] = partition;
        v[3] = candidates;
        System.arraycopy(counts, 0, v, HEADER, counts.length);
        return v;
    }

    public static JpsiPartial of(long[] v) {
        return new JpsiPartial((int) v[0], (int) v[1], (int) v[2], v[3], Arrays.copyOfRange(v, HEADER, v.length));
    }

    /** Adds this partial's counts into {@code h} (which has the monitor's binning). */
    void addTo(Histogram h) {
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0) {
                h.fill(h.binCentre(b), counts[b]);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JpsiPartial p && p.experiment == experiment && p.run == run && p.partition == partition
                && p.candidates == candidates && Arrays.equals(p.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * experiment + run) + partition) + Arrays.hashCode(counts);
    }
}
