package org.fourmu.simulation.generator;

import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;

import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.models.DimuonResonance;
import org.fourmu.simulation.amplitude.Amplitudes;
import org.fourmu.simulation.amplitude.Amplitudes.XCoupling;
import org.fourmu.simulation.phasespace.PhaseSpacePoint;
import org.fourmu.simulation.phasespace.Rambo;

/**
 * e+e- -> mu-(0) mu+(1) X(2) with an on-shell, undecayed X (polarisations summed), flat RAMBO
 * phase space: the production cross section sigma(e+e- -> mu+mu-X) at the model's coupling.
 * An independent route to the signal cross section (narrow-width factorisation) and the source
 * of sigma(g = 1). The X is reported with PDG code 0.
 */
public final class OnShellResonanceProcess implements HardProcess {

    private final DimuonResonance model;
    private final XCoupling coupling;

    public OnShellResonanceProcess(DimuonResonance model) {
        this.model = model;
        this.coupling = ResonanceProcess.couplingOf(model);
    }

    @Override
    public String name() {
        return model.name() + "-onshell";
    }

    @Override
    public int[] pdgIds() {
        return new int[] {13, -13, 0};
    }

    @Override
    public double xMassGeV() {
        return model.massGeV();
    }

    @Override
    public double thresholdGeV() {
        return model.massGeV() + 2 * MUON_MASS_GEV;
    }

    @Override
    public HardEvent sample(UniformRandomProvider rng, double sqrtS) {
        if (sqrtS <= thresholdGeV()) {
            return HardEvent.REJECTED;
        }
        PhaseSpacePoint ps = Rambo.generate(rng, sqrtS, new double[] {MUON_MASS_GEV, MUON_MASS_GEV, model.massGeV()});
        FourVector[] b = HardProcess.beams(sqrtS);
        FourVector[] p = ps.momenta();
        double g2 = model.coupling() * model.coupling();
        double m2 = g2 * Amplitudes.eeToMuMuX(new FourVector[] {b[0], b[1], p[0], p[1], p[2]}, coupling, model.massGeV()) / 4;
        return new HardEvent(p, HardProcess.flux(sqrtS) * m2 * ps.weight());
    }
}
