package org.fourmu.simulation.generator;

import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.amplitude.Amplitudes;
import org.fourmu.simulation.amplitude.Polarisation;
import org.fourmu.simulation.phasespace.MultiChannel;
import org.fourmu.simulation.phasespace.PhaseSpacePoint;
import org.fourmu.simulation.phasespace.Rambo;
import org.fourmu.simulation.phasespace.TwoBody;

/**
 * e+e- -> mu-(0) mu+(1) gamma(2) with one hard photon: exact tree level with ISR, FSR and their
 * interference (massive electrons and muons), for a photon above an energy and away from the beams
 * in the c.m. frame. Four channels: two ISR-like (angle ~ 1/sin^2 theta; photon energy ~ 1/E, or mu+mu-
 * mass ~ 1/M^2 for the radiative return) and one
 * FSR-like channel per muon (mu gamma mass ~ 1/(m^2 - m_mu^2)). Not combined with the structure-function
 * ISR (that would double count the hard photon): generate it with ISR off (beam spread on).
 */
public final class MuMuGammaProcess implements HardProcess {

    public static final String NAME = "mumugamma";
    private static final double M = MUON_MASS_GEV;

    private final double minPhotonEnergyGeV;
    private final double maxAbsCosTheta;
    private final MultiChannel phaseSpace;
    private final boolean flat;
    private final boolean finalStateRadiation;

    /**
     * @param minPhotonEnergyGeV photon energy cut in the hard c.m. frame
     * @param maxAbsCosTheta     |cos theta| of the photon to the beam axis in the hard c.m. frame
     */
    public MuMuGammaProcess(double minPhotonEnergyGeV, double maxAbsCosTheta) {
        this(minPhotonEnergyGeV, maxAbsCosTheta, false);
    }

    /** Default: E(gamma) > 0.1 GeV, |cos theta(gamma)| < 0.95 in the c.m. frame. */
    public MuMuGammaProcess() {
        this(0.1, 0.95);
    }

    /** With flat RAMBO phase space instead of the channels (a cross-check). */
    MuMuGammaProcess(double minPhotonEnergyGeV, double maxAbsCosTheta, boolean flat) {
        this(minPhotonEnergyGeV, maxAbsCosTheta, flat, true);
    }

    private MuMuGammaProcess(double minPhotonEnergyGeV, double maxAbsCosTheta, boolean flat, boolean finalStateRadiation) {
        this.minPhotonEnergyGeV = minPhotonEnergyGeV;
        this.maxAbsCosTheta = maxAbsCosTheta;
        this.flat = flat;
        this.finalStateRadiation = finalStateRadiation;
        this.phaseSpace = new MultiChannel(List.of(new Isr(false), new Isr(true), new Fsr(0), new Fsr(1)));
    }

    /**
     * Initial-state radiation only (the two ISR diagrams, exact at O(alpha); at this order they are
     * gauge invariant on their own), for separating ISR from FSR in photon-veto studies.
     */
    public static MuMuGammaProcess initialStateOnly(double minPhotonEnergyGeV, double maxAbsCosTheta) {
        return new MuMuGammaProcess(minPhotonEnergyGeV, maxAbsCosTheta, false, false);
    }

    /** The same process with flat RAMBO phase space (a cross-check of the channels). */
    public static MuMuGammaProcess flatPhaseSpace(double minPhotonEnergyGeV, double maxAbsCosTheta) {
        return new MuMuGammaProcess(minPhotonEnergyGeV, maxAbsCosTheta, true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int[] pdgIds() {
        return new int[] {13, -13, 22};
    }

    @Override
    public double thresholdGeV() {
        return 2 * M + minPhotonEnergyGeV;
    }

    private boolean accepts(FourVector k) {
        return k.e() >= minPhotonEnergyGeV && Math.abs(k.cosTheta()) <= maxAbsCosTheta;
    }

    private double maxPhotonEnergy(double sqrtS) {
        return (sqrtS * sqrtS - 4 * M * M) / (2 * sqrtS);
    }

    @Override
    public HardEvent sample(UniformRandomProvider rng, double sqrtS) {
        if (maxPhotonEnergy(sqrtS) <= minPhotonEnergyGeV) {
            return HardEvent.REJECTED;
        }
        PhaseSpacePoint ps = flat ? Rambo.generate(rng, sqrtS, new double[] {M, M, 0}) : phaseSpace.generate(rng, sqrtS);
        if (ps.weight() == 0 || !accepts(ps.momenta()[2])) {
            return HardEvent.REJECTED;
        }
        FourVector[] b = HardProcess.beams(sqrtS);
        FourVector[] p = ps.momenta();
        FourVector[] all = {b[0], b[1], p[0], p[1], p[2]};
        double m2 = 0;
        for (int l : Polarisation.helicities(0)) {
            m2 += Amplitudes.eeToMuMuGamma(all, Polarisation.outgoing(p[2], 0, l), true, finalStateRadiation);
        }
        return new HardEvent(p, HardProcess.flux(sqrtS) * m2 / 4 * ps.weight());
    }

    /**
     * Photon angle ~ 1/(1 - cos^2 theta) inside the cut; photon energy ~ 1/E (soft ISR) or mu+mu- mass
     * squared ~ 1/M^2 (radiative return to low masses); mu+mu- isotropic in their rest frame.
     */
    private final class Isr implements MultiChannel.Channel {

        private final boolean radiativeReturn;

        Isr(boolean radiativeReturn) {
            this.radiativeReturn = radiativeReturn;
        }

        /** Density of the photon energy e. */
        private double energyDensity(double e, double sqrtS) {
            double eMax = maxPhotonEnergy(sqrtS);
            if (!radiativeReturn) {
                return 1 / (e * Math.log(eMax / minPhotonEnergyGeV));
            }
            double lo = 4 * M * M, hi = sqrtS * sqrtS - 2 * sqrtS * minPhotonEnergyGeV;
            double m2 = sqrtS * sqrtS - 2 * sqrtS * e;
            return 2 * sqrtS / (m2 * Math.log(hi / lo));
        }

        @Override
        public FourVector[] generate(UniformRandomProvider rng, double sqrtS) {
            double eMax = maxPhotonEnergy(sqrtS);
            double e;
            if (radiativeReturn) {
                double lo = 4 * M * M, hi = sqrtS * sqrtS - 2 * sqrtS * minPhotonEnergyGeV;
                double m2 = lo * Math.exp(rng.nextDouble() * Math.log(hi / lo));
                e = (sqrtS * sqrtS - m2) / (2 * sqrtS);
            } else {
                e = minPhotonEnergyGeV * Math.exp(rng.nextDouble() * Math.log(eMax / minPhotonEnergyGeV));
            }
            double y = org.apache.commons.math3.util.FastMath.atanh(maxAbsCosTheta);
            double c = Math.tanh((2 * rng.nextDouble() - 1) * y);
            double phi = 2 * Math.PI * rng.nextDouble();
            double st = Math.sqrt(1 - c * c);
            FourVector k = new FourVector(e, e * st * Math.cos(phi), e * st * Math.sin(phi), e * c);
            FourVector q = new FourVector(sqrtS, 0, 0, 0).minus(k);
            if (q.mass2() <= 4 * M * M) {
                return null;
            }
            FourVector[] d = TwoBody.decayIsotropic(rng, q, M, M);
            return new FourVector[] {d[0], d[1], k};
        }

        @Override
        public double density(FourVector[] p, double sqrtS) {
            FourVector k = p[2];
            double eMax = maxPhotonEnergy(sqrtS);
            double c = k.cosTheta();
            if (k.e() < minPhotonEnergyGeV || k.e() > eMax || Math.abs(c) > maxAbsCosTheta) {
                return 0;
            }
            double h = energyDensity(k.e(), sqrtS);
            double g = 1 / ((1 - c * c) * 2 * org.apache.commons.math3.util.FastMath.atanh(maxAbsCosTheta));
            double q2 = p[0].plus(p[1]).mass2();
            // dPhi_3 = E dE dOmega / (2 (2 pi)^3) x dPhi_2(q)
            double w = k.e() / (2 * Math.pow(2 * Math.PI, 3)) * 2 * Math.PI / (h * g) * TwoBody.volume(q2, M, M);
            return 1 / w;
        }
    }

    /** The (mu_i gamma) system mass ~ 1/(m^2 - m_mu^2), produced isotropically against the other muon, decaying isotropically. */
    private final class Fsr implements MultiChannel.Channel {

        /** Smallest m^2 - m_mu^2 sampled (GeV^2); smaller values are reached by the other channels. */
        private static final double X_MIN = 1e-6;
        private final int muon;

        Fsr(int muon) {
            this.muon = muon;
        }

        private double xMax(double sqrtS) {
            return (sqrtS - M) * (sqrtS - M) - M * M;
        }

        @Override
        public FourVector[] generate(UniformRandomProvider rng, double sqrtS) {
            double xMax = xMax(sqrtS);
            double x = X_MIN * Math.exp(rng.nextDouble() * Math.log(xMax / X_MIN));
            double m = Math.sqrt(M * M + x);
            FourVector[] prod = TwoBody.decayIsotropic(rng, new FourVector(sqrtS, 0, 0, 0), m, M);
            FourVector[] dec = TwoBody.decayIsotropic(rng, prod[0], M, 0);
            FourVector[] p = new FourVector[3];
            p[muon] = dec[0];
            p[1 - muon] = prod[1];
            p[2] = dec[1];
            return p;
        }

        @Override
        public double density(FourVector[] p, double sqrtS) {
            double m2 = p[muon].plus(p[2]).mass2();
            double x = m2 - M * M;
            double xMax = xMax(sqrtS);
            if (x < X_MIN || x > xMax) {
                return 0;
            }
            double h = 1 / (x * Math.log(xMax / X_MIN));
            double w = TwoBody.volume(sqrtS * sqrtS, Math.sqrt(m2), M) * TwoBody.volume(m2, M, 0) / (2 * Math.PI * h);
            return 1 / w;
        }
    }
}
