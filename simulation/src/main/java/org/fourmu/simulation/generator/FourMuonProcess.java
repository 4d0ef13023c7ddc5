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
import org.fourmu.simulation.phasespace.Rambo;

/**
 * The QED background e+e- -> mu+mu-mu+mu- (all 12 tree diagrams, exact, no Z, no ISR here),
 * sampled with six channels: four with a 1/m^2 pair mass (annihilation), two conversion channels
 * (weighted 3:1 per channel, as the conversion diagrams dominate).
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
        this(diagrams, Sampling.ALL_CHANNELS);
    }

    /** Which phase-space parametrisation to use: each covers all of phase space, so all give the same sigma. */
    public enum Sampling {
        /** Four resonant-pair channels and two conversion channels (the default). */
        ALL_CHANNELS,
        /** The two conversion channels only. */
        CONVERSION_CHANNELS,
        /** The four resonant-pair channels only. */
        PAIR_CHANNELS,
        /** Flat RAMBO: no importance sampling (slow to converge; a cross-check). */
        RAMBO
    }

    /** With a chosen diagram class and phase-space parametrisation (for validation). */
    public FourMuonProcess(FourMuDiagrams diagrams, Sampling sampling) {
        this.diagrams = diagrams;
        List<MultiChannel.Channel> channels = new ArrayList<>();
        if (sampling == Sampling.ALL_CHANNELS || sampling == Sampling.PAIR_CHANNELS) {
            channels.addAll(FourMuonChannels.resonantPairs(FourMuonProcess::pairMassSampler));
        }
        if (sampling == Sampling.ALL_CHANNELS || sampling == Sampling.CONVERSION_CHANNELS) {
            channels.addAll(FourMuonChannels.conversions(FourMuonProcess::pairMassSampler));
        }
        if (sampling == Sampling.RAMBO) {
            channels.add(new MultiChannel.Channel() {
                private final double[] masses = {MUON_MASS_GEV, MUON_MASS_GEV, MUON_MASS_GEV, MUON_MASS_GEV};

                @Override
                public FourVector[] generate(UniformRandomProvider rng, double sqrtS) {
                    return Rambo.generate(rng, sqrtS, masses).momenta();
                }

                @Override
                public double density(FourVector[] p, double sqrtS) {
                    return 1 / (Rambo.masslessVolume(4, sqrtS * sqrtS) * Rambo.massWeightFactor(p, sqrtS));
                }
            });
        }
        // the conversion diagrams carry ~80% of the cross section: give their channels more points
        double[] alpha = new double[channels.size()];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = sampling == Sampling.ALL_CHANNELS && i >= 4 ? 3 : 1;
        }
        this.phaseSpace = new MultiChannel(channels, alpha);
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
