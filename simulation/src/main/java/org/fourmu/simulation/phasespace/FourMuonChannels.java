package org.fourmu.simulation.phasespace;

import static org.fourmu.physics.PhysicalConstants.ELECTRON_MASS_GEV;
import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.kinematics.Kinematics;

/**
 * Phase-space channels for four muons (final-state order mu-, mu+, mu-, mu+) in the c.m. frame
 * with the e- beam along +z: a "resonant pair" channel per choice of the opposite-sign pair whose
 * mass is importance-sampled (the X of the signal, the radiated gamma* of the annihilation
 * diagrams), and a "conversion" channel per pairing with both pair masses sampled and the
 * production angle following the t- and u-channel electron propagators.
 */
public final class FourMuonChannels {

    private static final double M = MUON_MASS_GEV;
    /** (mu- index, mu+ index) of the four opposite-sign pairs; the complement is the other pair. */
    static final int[][] PAIRS = {{0, 1, 2, 3}, {2, 3, 0, 1}, {0, 3, 2, 1}, {2, 1, 0, 3}};

    private FourMuonChannels() {
    }

    /** The smallest and largest pair mass squared at c.m. energy sqrtS. */
    public static double[] pairMass2Range(double sqrtS) {
        return new double[] {4 * M * M, (sqrtS - 2 * M) * (sqrtS - 2 * M)};
    }

    /** Four resonant-pair channels, one per opposite-sign pair, with the pair mass from the sampler built for sqrtS. */
    public static List<MultiChannel.Channel> resonantPairs(DoubleFunction<MassSampler> samplerForSqrtS) {
        List<MultiChannel.Channel> out = new ArrayList<>();
        for (int[] pair : PAIRS) {
            out.add(new ResonantPair(pair, samplerForSqrtS));
        }
        return out;
    }

    /**
     * Eight emission channels: for each opposite-sign pair (the X) and each muon of the other pair
     * (the emitter), the X mass from the sampler and the (X + emitter) mass ~ 1/(m^2 - m_mu^2), the
     * propagator of the muon that radiates X: this follows the soft and collinear emission of a light X.
     */
    public static List<MultiChannel.Channel> emissions(DoubleFunction<MassSampler> samplerForSqrtS) {
        List<MultiChannel.Channel> out = new ArrayList<>();
        for (int[] pair : PAIRS) {
            out.add(new Emission(pair, pair[2], pair[3], samplerForSqrtS));
            out.add(new Emission(pair, pair[3], pair[2], samplerForSqrtS));
        }
        return out;
    }

    /** X pair (pair[0], pair[1]) from the sampler, radiated by muon `emitter`; `other` recoils. */
    record Emission(int[] pair, int emitter, int other, DoubleFunction<MassSampler> samplers) implements MultiChannel.Channel {

        private static double[] tRange(double mx, double sqrtS) {
            return new double[] {(mx + M) * (mx + M) - M * M, (sqrtS - M) * (sqrtS - M) - M * M};
        }

        @Override
        public FourVector[] generate(UniformRandomProvider rng, double sqrtS) {
            double mx2 = samplers.apply(sqrtS).sample(rng.nextDouble());
            double mx = Math.sqrt(mx2);
            if (mx <= 2 * M || mx + 2 * M >= sqrtS) {
                return null;
            }
            double[] t = tRange(mx, sqrtS);
            double ms = Math.sqrt(M * M + t[0] * Math.exp(rng.nextDouble() * Math.log(t[1] / t[0])));
            FourVector[] prod = TwoBody.decayIsotropic(rng, new FourVector(sqrtS, 0, 0, 0), ms, M);
            FourVector[] sx = TwoBody.decayIsotropic(rng, prod[0], mx, M);
            FourVector[] d = TwoBody.decayIsotropic(rng, sx[0], M, M);
            FourVector[] p = new FourVector[4];
            p[pair[0]] = d[0];
            p[pair[1]] = d[1];
            p[emitter] = sx[1];
            p[other] = prod[1];
            return p;
        }

        @Override
        public double density(FourVector[] p, double sqrtS) {
            FourVector x = p[pair[0]].plus(p[pair[1]]);
            double mx2 = x.mass2();
            double hx = samplers.apply(sqrtS).density(mx2);
            if (hx == 0) {
                return 0;
            }
            double mx = Math.sqrt(mx2);
            FourVector sys = x.plus(p[emitter]);
            double ms2 = sys.mass2();
            double[] t = tRange(mx, sqrtS);
            double tv = ms2 - M * M;
            if (tv < t[0] || tv > t[1]) {
                return 0;
            }
            double ht = 1 / (tv * Math.log(t[1] / t[0]));
            double w = TwoBody.volume(sqrtS * sqrtS, Math.sqrt(ms2), M) / (2 * Math.PI * ht)
                * TwoBody.volume(ms2, mx, M) / (2 * Math.PI * hx) * TwoBody.volume(mx2, M, M);
            return 1 / w;
        }
    }

    /** Two conversion channels, one per pairing. */
    public static List<MultiChannel.Channel> conversions(DoubleFunction<MassSampler> samplerForSqrtS) {
        return List.of(new Conversion(PAIRS[0], samplerForSqrtS), new Conversion(PAIRS[2], samplerForSqrtS));
    }

    /** The pair (b, a) from a mass sampler, then RAMBO for (pair, b', a'), then the isotropic pair decay. */
    record ResonantPair(int[] pair, DoubleFunction<MassSampler> samplers) implements MultiChannel.Channel {

        @Override
        public FourVector[] generate(UniformRandomProvider rng, double sqrtS) {
            double m2 = samplers.apply(sqrtS).sample(rng.nextDouble());
            double m = Math.sqrt(m2);
            if (m + 2 * M >= sqrtS || m <= 2 * M) {
                return null;
            }
            FourVector[] three = Rambo.generate(rng, sqrtS, new double[] {m, M, M}).momenta();
            FourVector[] d = TwoBody.decayIsotropic(rng, three[0], M, M);
            FourVector[] p = new FourVector[4];
            p[pair[0]] = d[0];
            p[pair[1]] = d[1];
            p[pair[2]] = three[1];
            p[pair[3]] = three[2];
            return p;
        }

        @Override
        public double density(FourVector[] p, double sqrtS) {
            FourVector q = p[pair[0]].plus(p[pair[1]]);
            double m2 = q.mass2();
            double h = samplers.apply(sqrtS).density(m2);
            if (h == 0) {
                return 0;
            }
            double w3 = Rambo.masslessVolume(3, sqrtS * sqrtS)
                * Rambo.massWeightFactor(new FourVector[] {q, p[pair[2]], p[pair[3]]}, sqrtS);
            return 2 * Math.PI * h / (w3 * TwoBody.volume(m2, M, M));
        }
    }

    /** Both pair masses from the sampler, the pair direction from the t/u-channel peaks, two isotropic decays. */
    record Conversion(int[] pairing, DoubleFunction<MassSampler> samplers) implements MultiChannel.Channel {

        @Override
        public FourVector[] generate(UniformRandomProvider rng, double sqrtS) {
            MassSampler ms = samplers.apply(sqrtS);
            double m1 = Math.sqrt(ms.sample(rng.nextDouble()));
            double m2 = Math.sqrt(ms.sample(rng.nextDouble()));
            if (m1 + m2 >= sqrtS) {
                return null;
            }
            double s = sqrtS * sqrtS;
            double pStar = Kinematics.twoBodyMomentum(s, m1, m2);
            double a = peakParameter(sqrtS, m1, m2, pStar);
            double norm = Math.log((a + 1) / (a - 1));
            double c = a - (a + 1) * Math.exp(-rng.nextDouble() * norm);
            if (rng.nextDouble() < 0.5) {
                c = -c;
            }
            double phi = 2 * Math.PI * rng.nextDouble();
            double st = Math.sqrt(Math.max(0, 1 - c * c));
            FourVector q1 = FourVector.fromMomentumAndMass(pStar * st * Math.cos(phi), pStar * st * Math.sin(phi), pStar * c, m1);
            FourVector q2 = FourVector.fromMomentumAndMass(-q1.px(), -q1.py(), -q1.pz(), m2);
            FourVector[] d1 = TwoBody.decayIsotropic(rng, q1, M, M);
            FourVector[] d2 = TwoBody.decayIsotropic(rng, q2, M, M);
            FourVector[] p = new FourVector[4];
            p[pairing[0]] = d1[0];
            p[pairing[1]] = d1[1];
            p[pairing[2]] = d2[0];
            p[pairing[3]] = d2[1];
            return p;
        }

        @Override
        public double density(FourVector[] p, double sqrtS) {
            MassSampler ms = samplers.apply(sqrtS);
            FourVector q1 = p[pairing[0]].plus(p[pairing[1]]);
            FourVector q2 = p[pairing[2]].plus(p[pairing[3]]);
            double h1 = ms.density(q1.mass2());
            double h2 = ms.density(q2.mass2());
            if (h1 == 0 || h2 == 0) {
                return 0;
            }
            double m1 = q1.mass(), m2 = q2.mass();
            double s = sqrtS * sqrtS;
            double pStar = Kinematics.twoBodyMomentum(s, m1, m2);
            double a = peakParameter(sqrtS, m1, m2, pStar);
            double norm = Math.log((a + 1) / (a - 1));
            double c = q1.cosTheta();
            double g = 0.5 * (1 / (norm * (a - c)) + 1 / (norm * (a + c)));
            // weight = [|p*|/(16 pi^2 sqrtS)] 2 pi / g  x  1/((2 pi)^2 h1 h2)  x  Phi_2(m1) Phi_2(m2)
            double w = pStar / (16 * Math.PI * Math.PI * sqrtS) * 2 * Math.PI / g
                / (4 * Math.PI * Math.PI * h1 * h2)
                * TwoBody.volume(q1.mass2(), M, M) * TwoBody.volume(q2.mass2(), M, M);
            return 1 / w;
        }

        /**
         * A in |t - m_e^2| = 2 p_e |p*| (A - cos theta) for e-(p_e) -> gamma*(m1) with a t-channel
         * electron: the sampled density is 1/(A - cos theta), clamped just above 1.
         */
        private static double peakParameter(double sqrtS, double m1, double m2, double pStar) {
            double eb = sqrtS / 2;
            double pe = Math.sqrt(eb * eb - ELECTRON_MASS_GEV * ELECTRON_MASS_GEV);
            double e1 = (sqrtS * sqrtS + m1 * m1 - m2 * m2) / (2 * sqrtS);
            double a = (2 * eb * e1 - m1 * m1) / (2 * pe * pStar);
            return Math.max(a, 1 + 1e-9);
        }
    }
}
