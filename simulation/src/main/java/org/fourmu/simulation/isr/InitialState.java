package org.fourmu.simulation.isr;

import java.util.List;
import org.fourmu.physics.kinematics.FourVector;

/**
 * The colliding beams of one event after energy spread and ISR, in the lab frame.
 *
 * @param electron   e- beam momentum before radiation
 * @param positron   e+ beam momentum before radiation
 * @param photons    ISR photons (empty without ISR; photons below {@link InitialStateSampler#MIN_PHOTON_ENERGY_GEV} are not emitted)
 * @param hardSystem four-momentum left for the hard process, electron + positron - photons
 * @param electronAfterRadiation e- momentum entering the hard process (its direction defines the hard-process axis)
 */
public record InitialState(FourVector electron, FourVector positron, List<FourVector> photons,
                           FourVector hardSystem, FourVector electronAfterRadiation) {

    public InitialState {
        photons = List.copyOf(photons);
    }

    public double sqrtSHat() {
        return hardSystem.mass();
    }

    /** Hard-process c.m. momenta (e- along +z) to the lab: rotate +z onto the incoming e- direction, then boost. */
    public FourVector[] toLab(FourVector[] hard) {
        FourVector e = electronAfterRadiation.inRestFrameOf(hardSystem);
        double ap = e.p();
        double ct = e.pz() / ap;
        double st = Math.sqrt(Math.max(0, 1 - ct * ct));
        double phi = Math.atan2(e.py(), e.px());
        double cp = Math.cos(phi), sp = Math.sin(phi);
        double[] b = hardSystem.boostVector();
        FourVector[] out = new FourVector[hard.length];
        for (int i = 0; i < hard.length; i++) {
            FourVector h = hard[i];
            double x = h.px() * ct + h.pz() * st;
            double z = -h.px() * st + h.pz() * ct;
            double y = h.py();
            FourVector r = new FourVector(h.e(), x * cp - y * sp, x * sp + y * cp, z);
            out[i] = r.boost(b[0], b[1], b[2]);
        }
        return out;
    }
}
