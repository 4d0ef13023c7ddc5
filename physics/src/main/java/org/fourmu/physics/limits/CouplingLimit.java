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

    /**
     * The coupling limit that goes with another cross-section limit at the same mass, from an observed pair
     * (g_obs, sigma_obs): sigma scales as g^2, so g = g_obs sqrt(sigma / sigma_obs). Lets a reader of published
     * limits (which carry g_obs, sigma_obs and the expected sigma band) draw the expected coupling band
     * without the model's cross-section table. NaN when an input is not a positive number.
     */
    public static double atCrossSection(double observedCoupling, double observedXsecFb, double xsecFb) {
        if (!(observedCoupling > 0 && observedXsecFb > 0 && xsecFb > 0)) {
            return Double.NaN;
        }
        return observedCoupling * Math.sqrt(xsecFb / observedXsecFb);
    }
}
