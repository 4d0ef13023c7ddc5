package org.fourmu.simulation.generator;

import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;

import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.amplitude.Amplitudes;
import org.fourmu.simulation.phasespace.TwoBody;

/** e+e- -> gamma* -> mu+mu- at Born level (exact tree level, massive muons and electrons; no Z). */
public final class MuMuProcess implements HardProcess {

    public static final String NAME = "mumu";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int[] pdgIds() {
        return new int[] {13, -13};
    }

    @Override
    public double thresholdGeV() {
        return 2 * MUON_MASS_GEV;
    }

    @Override
    public HardEvent sample(UniformRandomProvider rng, double sqrtS) {
        FourVector[] b = HardProcess.beams(sqrtS);
        FourVector cm = new FourVector(sqrtS, 0, 0, 0);
        FourVector[] d = TwoBody.decayIsotropic(rng, cm, MUON_MASS_GEV, MUON_MASS_GEV);
        double m2 = Amplitudes.eeToMuMu(new FourVector[] {b[0], b[1], d[0], d[1]}) / 4;
        double w = HardProcess.flux(sqrtS) * m2 * TwoBody.volume(sqrtS * sqrtS, MUON_MASS_GEV, MUON_MASS_GEV);
        return new HardEvent(d, w);
    }
}
