package org.fourmu.simulation.generator;

/**
 * Generator-level cuts, applied to weighted events before unweighting, so the cross section is
 * the one inside the cuts.
 *
 * @param minHardMassGeV     lower bound on sqrt(s') after ISR (the M(4mu) or M(mumu) of the hard process)
 * @param maxHardMassGeV     upper bound on sqrt(s')
 * @param minThetaDeg        lower bound on the lab polar angle of every charged final-state particle
 * @param maxThetaDeg        upper bound on the lab polar angle of every charged final-state particle
 * @param minPtGeV           lower bound on the lab transverse momentum of every charged particle
 */
public record GeneratorCuts(double minHardMassGeV, double maxHardMassGeV, double minThetaDeg, double maxThetaDeg, double minPtGeV) {

    /** No cuts beyond the kinematic threshold. */
    public static final GeneratorCuts NONE = new GeneratorCuts(0, Double.POSITIVE_INFINITY, 0, 180, 0);

    /**
     * Default for four-muon samples: sqrt(s') > 9 GeV, well below the selection's M(4mu) > 10 GeV,
     * so that the ISR tail that enters the selection is generated while the 1/s' rise of the
     * cross section toward threshold does not dominate the sample.
     */
    public static final GeneratorCuts FOUR_MUON_DEFAULT = new GeneratorCuts(9.0, Double.POSITIVE_INFINITY, 0, 180, 0);

    /** Default for two-body samples: sqrt(s') > 5 GeV. */
    public static final GeneratorCuts TWO_BODY_DEFAULT = new GeneratorCuts(5.0, Double.POSITIVE_INFINITY, 0, 180, 0);

    public boolean acceptsHardMass(double sqrtSHat) {
        return sqrtSHat >= minHardMassGeV && sqrtSHat <= maxHardMassGeV;
    }

    public boolean acceptsCharged(org.fourmu.physics.kinematics.FourVector p) {
        double th = Math.toDegrees(p.theta());
        return th >= minThetaDeg && th <= maxThetaDeg && p.pt() >= minPtGeV;
    }

    public GeneratorCuts withHardMass(double min, double max) {
        return new GeneratorCuts(min, max, minThetaDeg, maxThetaDeg, minPtGeV);
    }

    public GeneratorCuts withTheta(double minDeg, double maxDeg) {
        return new GeneratorCuts(minHardMassGeV, maxHardMassGeV, minDeg, maxDeg, minPtGeV);
    }
}
