package org.fourmu.physics.spectrum;

import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.MlpRange;

/**
 * The reduced-mass spectra of a dataset, one histogram per MLP range (the fit at a mass uses the
 * histogram of that mass's range). Counts are exact, so spectra filled in any order, in pieces merged
 * in any order, are equal.
 */
public final class CandidateSpectra {

    private final Histogram[] byRange = new Histogram[MlpRange.values().length];

    public CandidateSpectra() {
        for (int i = 0; i < byRange.length; i++) {
            byRange[i] = Histogram.reducedMass();
        }
    }

    public void fill(Candidate c) {
        fill(c, c.mlpRange());
    }

    /** Fills the histogram of {@code range} (a candidate near a range boundary may fill its neighbour's too). */
    public void fill(Candidate c, MlpRange range) {
        byRange[range.ordinal()].fill(c.reducedMassGeV());
    }

    /**
     * The MLP ranges whose histograms a candidate fills (paper Sec. V): a fit uses the histogram of its
     * central mass's range, and its window may reach past the range's edges, so a candidate within
     * {@code reachGeV} of a boundary is scored with the network of each range it is near and fills each
     * range's histogram whose cut it passes; otherwise the histogram of a range would end at its boundary
     * and the fits next to it would see a step. Without an MLP selection (null) every near range is filled.
     */
    public static java.util.List<MlpRange> rangesFilled(Candidate c, org.fourmu.physics.mlp.MlpSelection mlp, double reachGeV) {
        java.util.List<MlpRange> out = new java.util.ArrayList<>(2);
        double m = c.massGeV();
        for (MlpRange r : MlpRange.values()) {
            boolean near = r == c.mlpRange() || (m >= r.lowGeV() - reachGeV && m < r.highGeV() + reachGeV);
            if (near && (mlp == null || mlp.passes(c, r))) {
                out.add(r);
            }
        }
        return out;
    }

    /** The histogram of MLP range {@code number} (1-5), live. */
    public Histogram histogram(int number) {
        return byRange[MlpRange.ofNumber(number).ordinal()];
    }

    public void add(CandidateSpectra other) {
        for (int i = 0; i < byRange.length; i++) {
            byRange[i].add(other.byRange[i]);
        }
    }

    public long entries() {
        long n = 0;
        for (Histogram h : byRange) {
            n += h.entries();
        }
        return n;
    }
}
