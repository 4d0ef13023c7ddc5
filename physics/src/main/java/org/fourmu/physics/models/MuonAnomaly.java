package org.fourmu.physics.models;

import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;

/**
 * One-loop contributions of a new vector or scalar coupled to muons to a_mu = (g-2)_mu/2
 * (PHYSICS.md "Models"; e.g. Jegerlehner and Nyffeler, Phys. Rept. 477 (2009) 1, Sec. 7),
 * and the anomaly they are compared with.
 */
public final class MuonAnomaly {

    /**
     * Delta a_mu = a_mu(exp) - a_mu(SM) = 249(48) x 10^-11: the 2023 world average minus the 2020
     * Theory Initiative SM prediction (as used by the paper); override with {@link Band#of}.
     */
    public static final Band WORLD_AVERAGE_2023_MINUS_SM_2020 = new Band(249e-11, 48e-11);

    private MuonAnomaly() {
    }

    /** A central value and its 1 sigma uncertainty for Delta a_mu. */
    public record Band(double central, double sigma) {

        public static Band of(double central, double sigma) {
            return new Band(central, sigma);
        }

        /** Central plus n sigma (n may be negative). */
        public double at(double nSigma) {
            return central + nSigma * sigma;
        }
    }

    /** Vector: g^2/(8 pi^2) Int_0^1 dz 2 m^2 z (1-z)^2 / (m^2 (1-z)^2 + M^2 z). */
    public static double vector(double massGeV, double coupling) {
        double m2 = MUON_MASS_GEV * MUON_MASS_GEV;
        double bigM2 = massGeV * massGeV;
        return coupling * coupling / (8 * Math.PI * Math.PI)
            * integrate(z -> 2 * m2 * z * (1 - z) * (1 - z) / (m2 * (1 - z) * (1 - z) + bigM2 * z));
    }

    /** Scalar: g^2/(8 pi^2) Int_0^1 dz m^2 (1-z)^2 (1+z) / (m^2 (1-z)^2 + M^2 z). */
    public static double scalar(double massGeV, double coupling) {
        double m2 = MUON_MASS_GEV * MUON_MASS_GEV;
        double bigM2 = massGeV * massGeV;
        return coupling * coupling / (8 * Math.PI * Math.PI)
            * integrate(z -> m2 * (1 - z) * (1 - z) * (1 + z) / (m2 * (1 - z) * (1 - z) + bigM2 * z));
    }

    /**
     * The integrands vary on a scale z ~ m^2/M^2 near z = 0 for heavy X: integrate on a
     * logarithmically refined split of [0, 1] so the result is accurate for any mass.
     */
    private static double integrate(UnivariateFunction f) {
        IterativeLegendreGaussIntegrator gauss = new IterativeLegendreGaussIntegrator(8, 1e-11, 1e-300);
        double sum = 0;
        double lo = 0;
        for (int k = 12; k >= 0; k--) {
            double hi = Math.pow(10, -k);
            sum += gauss.integrate(Integer.MAX_VALUE, f, lo, hi);
            lo = hi;
        }
        return sum;
    }
}
