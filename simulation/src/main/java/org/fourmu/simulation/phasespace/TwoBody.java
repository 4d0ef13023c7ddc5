package org.fourmu.simulation.phasespace;

import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.kinematics.Kinematics;

/** Two-body phase space: isotropic decays and the volume Phi_2 = |p*| / (4 pi M). */
public final class TwoBody {

    private TwoBody() {
    }

    /** Phi_2 for a parent of mass squared s into masses m1, m2 (0 below threshold). */
    public static double volume(double s, double m1, double m2) {
        return Kinematics.twoBodyMomentum(s, m1, m2) / (4 * Math.PI * Math.sqrt(s));
    }

    /** Decay of q into masses m1, m2 at the given rest-frame direction, both daughters in q's frame of reference. */
    public static FourVector[] decay(FourVector q, double m1, double m2, double cosTheta, double phi) {
        double s = q.mass2();
        double p = Kinematics.twoBodyMomentum(s, m1, m2);
        double st = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
        double px = p * st * Math.cos(phi), py = p * st * Math.sin(phi), pz = p * cosTheta;
        FourVector d1 = FourVector.fromMomentumAndMass(px, py, pz, m1);
        FourVector d2 = FourVector.fromMomentumAndMass(-px, -py, -pz, m2);
        double[] b = q.boostVector();
        return new FourVector[] {d1.boost(b[0], b[1], b[2]), d2.boost(b[0], b[1], b[2])};
    }

    /** Isotropic decay of q into masses m1, m2. */
    public static FourVector[] decayIsotropic(UniformRandomProvider rng, FourVector q, double m1, double m2) {
        return decay(q, m1, m2, 2 * rng.nextDouble() - 1, 2 * Math.PI * rng.nextDouble());
    }
}
