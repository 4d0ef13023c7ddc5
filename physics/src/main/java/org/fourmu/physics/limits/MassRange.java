package org.fourmu.physics.limits;

/** A closed interval of X masses, GeV. */
public record MassRange(double lowGeV, double highGeV) {

    public MassRange {
        if (!(highGeV >= lowGeV)) {
            throw new IllegalArgumentException("mass range needs high >= low: " + lowGeV + ".." + highGeV);
        }
    }
}
