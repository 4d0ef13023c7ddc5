package org.fourmu.simulation.generator;

import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;

import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.models.DimuonResonance;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.simulation.amplitude.Amplitudes;
import org.fourmu.simulation.amplitude.Amplitudes.XCoupling;
import org.fourmu.simulation.phasespace.FourMuonChannels;
import org.fourmu.simulation.phasespace.MassSampler;
import org.fourmu.simulation.phasespace.MultiChannel;
import org.fourmu.simulation.phasespace.PhaseSpacePoint;

/**
 * The signal e+e- -> mu+mu- X, X -> mu+mu- with the full four-muon matrix element: X radiated
 * by either muon of the s-channel pair, Breit-Wigner X propagator with the model's total width
 * at the model's coupling, antisymmetrised over the four choices of the X pair. The X pair mass
 * is sampled from the Breit-Wigner in twelve channels: per pair, flat RAMBO for the rest, and per pair
 * and emitting muon, the emitter propagator 1/(m^2 - m_mu^2) (soft/collinear X emission). The mean weight is
 * sigma(e+e- -> mu+mu-X) x B(X -> mu+mu-) at that coupling.
 */
public final class ResonanceProcess implements HardProcess {

    private final DimuonResonance model;
    private final XCoupling coupling;
    private final MultiChannel phaseSpace;

    public ResonanceProcess(DimuonResonance model) {
        this.model = model;
        this.coupling = couplingOf(model);
        double mass = model.massGeV();
        double width = model.totalWidthGeV();
        if (mass <= 2 * MUON_MASS_GEV) {
            throw new IllegalArgumentException("X mass must be above the dimuon threshold: " + mass);
        }
        // sample within +-50 widths (at least +-0.5 MeV) of the pole: the tails beyond carry < 1%
        // of a Breit-Wigner's integral and are outside any fit window
        double half = halfWindowGeV(width);
        java.util.function.DoubleFunction<MassSampler> bw = sqrtS -> {
            double[] r = FourMuonChannels.pairMass2Range(sqrtS);
            double lo = Math.max(r[0], (mass - half) * (mass - half));
            double hi = Math.min(r[1], (mass + half) * (mass + half));
            return MassSampler.breitWigner(mass, width, lo, hi);
        };
        java.util.List<MultiChannel.Channel> channels = new java.util.ArrayList<>(FourMuonChannels.resonantPairs(bw));
        channels.addAll(FourMuonChannels.emissions(bw));
        // half of the points to the four RAMBO channels, half to the eight emission channels
        double[] alpha = new double[channels.size()];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = i < 4 ? 2 : 1;
        }
        this.phaseSpace = new MultiChannel(channels, alpha);
    }

    private static double halfWindowGeV(double width) {
        return Math.max(50 * width, 5e-4);
    }

    /**
     * The fraction of the Breit-Wigner integral inside the sampled mass window, (2/pi) atan(2 h/Gamma)
     * for half-window h (kinematic edges aside): sigma(4 mu) = sigma(mu mu X) B x this fraction.
     */
    public static double sampledBreitWignerFraction(DimuonResonance model) {
        double w = model.totalWidthGeV();
        return 2 / Math.PI * Math.atan(2 * halfWindowGeV(w) / w);
    }

    static XCoupling couplingOf(DimuonResonance model) {
        return model instanceof LmuLtauZPrime ? XCoupling.VECTOR : XCoupling.SCALAR;
    }

    public DimuonResonance model() {
        return model;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public int[] pdgIds() {
        return new int[] {13, -13, 13, -13};
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
        PhaseSpacePoint ps = phaseSpace.generate(rng, sqrtS);
        if (ps.weight() == 0) {
            return HardEvent.REJECTED;
        }
        FourVector[] b = HardProcess.beams(sqrtS);
        FourVector[] p = ps.momenta();
        double m2 = Amplitudes.eeToFourMuSignal(new FourVector[] {b[0], b[1], p[0], p[1], p[2], p[3]},
            coupling, model.massGeV(), model.totalWidthGeV(), model.coupling()) / 4;
        return new HardEvent(p, HardProcess.flux(sqrtS) * m2 * ps.weight() * FourMuonProcess.IDENTICAL);
    }
}
