package org.fourmu.physics.calibration;

import java.util.Arrays;
import org.fourmu.physics.fit.PiecewiseLinear;
import org.fourmu.physics.models.SignalCrossSectionTable;

/**
 * What a model predicts versus its mass, for turning cross-section limits into coupling limits:
 * sigma(e+e- -> mu+mu- X) x B(X -> mu+mu-) at unit coupling from the project's generator, and
 * B(X -> mu+mu-) from the model's widths (independent of the coupling for a narrow X).
 *
 * @param crossSections         sigma x B at g = 1 versus mass
 * @param branchingFractionMuMu B(X -> mu+mu-) at each mass of {@code crossSections}
 */
public record ModelTable(SignalCrossSectionTable crossSections, double[] branchingFractionMuMu) {

    public ModelTable {
        if (branchingFractionMuMu.length != crossSections.massesGeV().length) {
            throw new IllegalArgumentException("one branching fraction per cross-section mass");
        }
        for (double b : branchingFractionMuMu) {
            if (!(b > 0 && b <= 1)) {
                throw new IllegalArgumentException("a branching fraction must be in (0, 1], got " + b);
            }
        }
        branchingFractionMuMu = branchingFractionMuMu.clone();
    }

    @Override
    public double[] branchingFractionMuMu() {
        return branchingFractionMuMu.clone();
    }

    public String model() {
        return crossSections.model();
    }

    /** B(X -> mu+mu-) at a mass (linear between the table masses). */
    public double branchingFraction(double massGeV) {
        return PiecewiseLinear.value(crossSections.massesGeV(), branchingFractionMuMu, massGeV);
    }

    /** sigma(e+e- -> mu+mu- X) at g = 1 and a mass inside the table, in fb. */
    public double sigmaAtUnitCouplingFb(double massGeV) {
        return crossSections.sigmaTimesBranchingAtUnitCouplingFb(massGeV) / branchingFraction(massGeV);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelTable t && crossSections.equals(t.crossSections)
                && Arrays.equals(branchingFractionMuMu, t.branchingFractionMuMu);
    }

    @Override
    public int hashCode() {
        return crossSections.hashCode() * 31 + Arrays.hashCode(branchingFractionMuMu);
    }
}
