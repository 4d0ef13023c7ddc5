package org.fourmu.physics.limits;

/**
 * Upper limits on sigma(e+e- -> mu+mu- X) x B(X -> mu+mu-) at one mass: sigma_UL = N_UL /
 * (efficiency x integrated luminosity) (paper Sec. V), observed and expected (-2..+2 sigma).
 * The efficiency systematics already enter N_UL as constrained nuisance parameters.
 *
 * @param massGeV    X mass
 * @param observedFb observed limit, fb
 * @param expectedFb expected limits from -2 to +2 sigma, fb
 */
public record CrossSectionLimit(double massGeV, double observedFb, double[] expectedFb) {

    public CrossSectionLimit {
        expectedFb = expectedFb.clone();
    }

    @Override
    public double[] expectedFb() {
        return expectedFb.clone();
    }

    /**
     * @param yield      limits on the signal yield (events)
     * @param efficiency signal efficiency at this mass, in (0, 1]
     * @param lumiInvFb  integrated luminosity in fb^-1 (paper: 178)
     */
    public static CrossSectionLimit of(YieldLimit yield, double efficiency, double lumiInvFb) {
        if (!(efficiency > 0 && efficiency <= 1)) {
            throw new IllegalArgumentException("efficiency must be in (0, 1], got " + efficiency + " at " + yield.massGeV() + " GeV");
        }
        if (!(lumiInvFb > 0)) {
            throw new IllegalArgumentException("luminosity must be positive, got " + lumiInvFb);
        }
        YieldLimit sigma = yield.scaled(1 / (efficiency * lumiInvFb));
        return new CrossSectionLimit(yield.massGeV(), sigma.observed(), sigma.expected());
    }
}
