package org.fourmu.physics.limits;

import org.fourmu.physics.models.SignalCrossSectionTable;

/**
 * Upper limits on the coupling of the X to muons at one mass. The signal cross section scales as
 * g^2 (one X emission; narrow width, so B(X -> mu+mu-) does not depend on g), hence
 * g_UL = sqrt(sigma_UL / (sigma x B)(g = 1)) (PHYSICS.md "Models"); observed and expected (-2..+2 sigma).
 *
 * @param massGeV  X mass
 * @param observed observed limit on g
 * @param expected expected limits from -2 to +2 sigma
 */
public record CouplingLimit(double massGeV, double observed, double[] expected) {

    public CouplingLimit {
        expected = expected.clone();
    }

    @Override
    public double[] expected() {
        return expected.clone();
    }

    /** The coupling limits that follow from cross-section limits with the model's sigma x B at unit coupling. */
    public static CouplingLimit of(CrossSectionLimit sigma, SignalCrossSectionTable unitCoupling) {
        double m = sigma.massGeV();
        double[] e = sigma.expectedFb();
        for (int k = 0; k < e.length; k++) {
            e[k] = unitCoupling.couplingLimit(m, e[k]);
        }
        return new CouplingLimit(m, unitCoupling.couplingLimit(m, sigma.observedFb()), e);
    }
}
