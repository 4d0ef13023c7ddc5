package org.fourmu.simulation.amplitude;

import org.fourmu.physics.kinematics.FourVector;

/**
 * Helicity polarisation vectors of an outgoing vector boson (complex, contravariant, as Dirac's
 * complex four-vectors): transverse helicities +-1 for any mass, the longitudinal one for M > 0.
 * Their completeness sum is -g^{mu nu} + k^mu k^nu / M^2 (checked in the tests).
 */
public final class Polarisation {

    private Polarisation() {
    }

    /** epsilon(k, lambda) for lambda in {-1, 0, +1}; lambda = 0 needs massGeV > 0. */
    public static double[] outgoing(FourVector k, double massGeV, int lambda) {
        double ap = k.p();
        double theta = ap == 0 ? 0 : Math.acos(Math.max(-1, Math.min(1, k.pz() / ap)));
        double phi = (k.px() == 0 && k.py() == 0) ? 0 : Math.atan2(k.py(), k.px());
        double ct = Math.cos(theta), st = Math.sin(theta), cp = Math.cos(phi), sp = Math.sin(phi);
        if (lambda == 0) {
            if (massGeV <= 0) {
                throw new IllegalArgumentException("a massless vector has no longitudinal polarisation");
            }
            double f = k.e() / massGeV;
            return new double[] {ap / massGeV, 0, f * st * cp, 0, f * st * sp, 0, f * ct, 0};
        }
        double r = 1 / Math.sqrt(2);
        // epsilon(+-) = (0, -+cos th cos ph + i sin ph, -+cos th sin ph - i cos ph, +-sin th)/sqrt2 (HELAS); |M|^2 summed over lambda does not depend on the phase
        double s = lambda > 0 ? -1 : 1;
        return new double[] {0, 0, r * s * ct * cp, r * sp, r * s * ct * sp, -r * cp, -r * s * st, 0};
    }

    /** The helicities of a vector of the given mass. */
    public static int[] helicities(double massGeV) {
        return massGeV > 0 ? new int[] {-1, 0, 1} : new int[] {-1, 1};
    }
}
