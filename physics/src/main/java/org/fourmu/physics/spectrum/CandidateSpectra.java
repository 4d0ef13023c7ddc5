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
        byRange[c.mlpRange().ordinal()].fill(c.reducedMassGeV());
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
