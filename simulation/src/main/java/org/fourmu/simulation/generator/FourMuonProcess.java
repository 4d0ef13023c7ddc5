package org.fourmu.simulation.generator;

import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.amplitude.Amplitudes;
import org.fourmu.simulation.amplitude.Amplitudes.FourMuDiagrams;
import org.fourmu.simulation.phasespace.FourMuonChannels;
import org.fourmu.simulation.phasespace.MassSampler;
import org.fourmu.simulation.phasespace.MultiChannel;
import org.fourmu.simulation.phasespace.PhaseSpacePoint;

/**
 * The QED background e+e- -> mu+mu-mu+mu- (all 12 tree diagrams, exact, no Z, no ISR here),
 * sampled with six channels: four with a 1/m^2 pair mass (annihilation), two conversion channels.
 */
public final class FourMuonProcess implements HardProcess {

    public static final String NAME = "mumumumu";
    /** Identical particles: 1/(2! 2!) for two mu+ and two mu-. */
    static final double IDENTICAL = 0.25;

    private final FourMuDiagrams diagrams;
    private final MultiChannel phaseSpace;

    public FourMuonProcess() {
        this(FourMuDiagrams.ALL);
    }

    /** Restricted to a diagram class (for the validation of the conversion/annihilation split). */
    public FourMuonProcess(FourMuDiagrams diagrams) {
        this.diagrams = diagrams;
        List<MultiChannel.Channel> channels = new ArrayList<>();
        channels.addAll(FourMuonChannels.resonantPairs(FourMuonProcess::pairMassSampler));
        channels.addAll(FourMuonChannels.conversions(FourMuonProcess::pairMassSampler));
        this.phaseSpace = new MultiChannel(channels);
    }

    /** Mostly 1/m^2 (the photon propagator), with a flat part for the hard tail. */
    static MassSampler pairMassSampler(double sqrtS) {
        double[] r = FourMuonChannels.pairMass2Range(sqrtS);
        return MassSampler.mixture(MassSampler.logarithmic(r[0], r[1]), 0.85, MassSampler.flat(r[0], r[1]));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int[] pdgIds() {
        return new int[] {13, -13, 13, -13};
    }

    @Override
    public double thresholdGeV() {
        return 4 * MUON_MASS_GEV;
    }

    @Override
    public HardEvent sample(UniformRandomProvider rng, double sqrtS) {
        PhaseSpacePoint ps = phaseSpace.generate(rng, sqrtS);
        if (ps.weight() == 0) {
            return HardEvent.REJECTED;
        }
        FourVector[] b = HardProcess.beams(sqrtS);
        FourVector[] p = ps.momenta();
        double m2 = Amplitudes.eeToFourMu(new FourVector[] {b[0], b[1], p[0], p[1], p[2], p[3]}, diagrams) / 4;
        return new HardEvent(p, HardProcess.flux(sqrtS) * m2 * ps.weight() * IDENTICAL);
    }
}
