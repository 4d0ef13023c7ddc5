package org.fourmu.simulation.generator;

import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;

/**
 * A hard scattering e+e- -> final state, sampled in its own c.m. frame with the e- beam along +z.
 */
public interface HardProcess {

    /** Process name ("mumu", "zprime", ...). */
    String name();

    /** PDG codes of the final-state particles, in the order of {@link HardEvent#momenta()}. */
    int[] pdgIds();

    /** Mass of the generated resonance, NaN if none. */
    default double xMassGeV() {
        return Double.NaN;
    }

    /** Smallest c.m. energy at which the process is open. */
    double thresholdGeV();

    /**
     * One weighted point at c.m. energy sqrtS: weight = flux x spin-averaged |M|^2 x phase-space
     * weight x identical-particle factor, in GeV^-2, so that the mean weight is sigma.
     */
    HardEvent sample(UniformRandomProvider rng, double sqrtS);

    /** The flux factor 1/(2 lambda^(1/2)(s, m_e^2, m_e^2)) of colliding electrons. */
    static double flux(double sqrtS) {
        double s = sqrtS * sqrtS;
        double me = PhysicalConstants.ELECTRON_MASS_GEV;
        return 1 / (2 * s * Math.sqrt(1 - 4 * me * me / s));
    }

    /** The beam momenta (e-, e+) in the hard c.m. frame. */
    static org.fourmu.physics.kinematics.FourVector[] beams(double sqrtS) {
        double me = PhysicalConstants.ELECTRON_MASS_GEV;
        double p = Math.sqrt(sqrtS * sqrtS / 4 - me * me);
        return new org.fourmu.physics.kinematics.FourVector[] {
            new org.fourmu.physics.kinematics.FourVector(sqrtS / 2, 0, 0, p),
            new org.fourmu.physics.kinematics.FourVector(sqrtS / 2, 0, 0, -p)};
    }
}
