package org.fourmu.simulation.mix;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.phasespace.TwoBody;

/**
 * e+e- -> e+e-: Born-level massless Bhabha angular distribution dsigma/dOmega ~ ((3 + cos^2)/(1 - cos))^2 in
 * 10 < theta* < 170 deg, no radiation. Cross section: 300 nb in that range (BABAYAGA.NLO, Belle II Physics Book,
 * arXiv:1808.10567, Table of cross sections at Upsilon(4S)).
 */
final class BhabhaProcess extends CheapProcess {

    static final String NAME = "bhabha";
    static final double CROSS_SECTION_FB = 300e6;
    private static final double COS_MAX = Math.cos(Math.toRadians(10));
    private static final double COS_MIN = Math.cos(Math.toRadians(170));

    BhabhaProcess(long seed, BeamConditions beams) {
        super(NAME, CROSS_SECTION_FB, seed, beams);
    }

    /** cos(theta*) of the electron: proposal ~ 1/(1-c)^2 sampled by inversion, accepted with ((3+c^2)/4)^2 <= 1. */
    static double sampleCosTheta(UniformRandomProvider rng) {
        double a = 1 / (1 - COS_MIN);
        double b = 1 / (1 - COS_MAX);
        while (true) {
            double t = a + (b - a) * rng.nextDouble(); // t = 1/(1-c) is uniform under the proposal
            double c = 1 - 1 / t;
            double f = (3 + c * c) / 4;
            if (rng.nextDouble() < f * f) {
                return c;
            }
        }
    }

    @Override
    List<GeneratedParticle> generateCm(UniformRandomProvider rng, double sqrtS) {
        double me = PhysicalConstants.ELECTRON_MASS_GEV;
        FourVector[] d = TwoBody.decay(new FourVector(sqrtS, 0, 0, 0), me, me, sampleCosTheta(rng), 2 * Math.PI * rng.nextDouble());
        return List.of(new GeneratedParticle(11, d[0]), new GeneratedParticle(-11, d[1]));
    }
}
