package org.fourmu.simulation.phasespace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.integration.SimpsonIntegrator;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.Test;

class RamboTest {

    @Test
    void masslessThreeBodyVolumeShouldBeSOver256PiCubed() {
        double s = 10.58 * 10.58;
        assertEquals(s / (256 * Math.pow(Math.PI, 3)), Rambo.masslessVolume(3, s), 1e-15 * s);
        // two-body: 1/(8 pi)
        assertEquals(1 / (8 * Math.PI), Rambo.masslessVolume(2, s), 1e-15);
        UniformRandomProvider rng = RandomStreams.forKeys(2, 1);
        PhaseSpacePoint p = Rambo.generate(rng, 10.58, new double[] {0, 0, 0});
        assertEquals(Rambo.masslessVolume(3, s), p.weight(), 1e-15 * s);
    }

    @Test
    void massivePointsShouldConserveMomentumAndBeOnShell() {
        UniformRandomProvider rng = RandomStreams.forKeys(2, 2);
        double[] m = {0.1057, 0.1057, 3.0, 0.5};
        for (int i = 0; i < 100; i++) {
            FourVector[] p = Rambo.generate(rng, 10.58, m).momenta();
            FourVector sum = FourVector.ZERO;
            for (int k = 0; k < m.length; k++) {
                sum = sum.plus(p[k]);
                assertEquals(m[k], p[k].mass(), 1e-9);
            }
            assertEquals(10.58, sum.e(), 1e-12);
            assertEquals(0, sum.p(), 1e-12);
        }
    }

    @Test
    void massiveThreeBodyVolumeShouldEqualDalitzPlotArea() {
        double sqrtS = 4.0;
        double s = sqrtS * sqrtS;
        double[] m = {0.1057, 0.5, 1.7};
        // Phi_3 = (1/(128 pi^3 s)) x area of the Dalitz plot in (m12^2, m23^2)
        double lo = Math.pow(m[0] + m[1], 2), hi = Math.pow(sqrtS - m[2], 2);
        double area = new SimpsonIntegrator(1e-10, 1e-12, 3, 30).integrate(Integer.MAX_VALUE, m12sq -> {
            double m12 = Math.sqrt(m12sq);
            double e2 = (m12sq - m[0] * m[0] + m[1] * m[1]) / (2 * m12);
            double e3 = (s - m12sq - m[2] * m[2]) / (2 * m12);
            double p2 = Math.sqrt(Math.max(0, e2 * e2 - m[1] * m[1]));
            double p3 = Math.sqrt(Math.max(0, e3 * e3 - m[2] * m[2]));
            return 4 * p2 * p3;
        }, lo, hi);
        double expected = area / (128 * Math.pow(Math.PI, 3) * s);
        UniformRandomProvider rng = RandomStreams.forKeys(2, 3);
        int n = 200_000;
        double sw = 0, sw2 = 0;
        for (int i = 0; i < n; i++) {
            double w = Rambo.generate(rng, sqrtS, m).weight();
            sw += w;
            sw2 += w * w;
        }
        double mean = sw / n;
        double err = Math.sqrt((sw2 / n - mean * mean) / n);
        assertEquals(expected, mean, 4 * err);
        assertEquals(expected, mean, 0.01 * expected);
    }

    @Test
    void multiChannelFourMuonWeightsShouldIntegrateToThePhaseSpaceVolume() {
        // the volume from the 6-channel sampler must match RAMBO's (two independent parametrisations)
        double sqrtS = 3.0;
        double mu = 0.1056583755;
        double[] masses = {mu, mu, mu, mu};
        UniformRandomProvider rng = RandomStreams.forKeys(2, 4);
        int n = 100_000;
        double rs = 0, rs2 = 0;
        for (int i = 0; i < n; i++) {
            double w = Rambo.generate(rng, sqrtS, masses).weight();
            rs += w;
            rs2 += w * w;
        }
        java.util.List<MultiChannel.Channel> ch = new java.util.ArrayList<>();
        java.util.function.DoubleFunction<MassSampler> ms = e -> {
            double[] r = FourMuonChannels.pairMass2Range(e);
            return MassSampler.mixture(MassSampler.logarithmic(r[0], r[1]), 0.5, MassSampler.flat(r[0], r[1]));
        };
        ch.addAll(FourMuonChannels.resonantPairs(ms));
        ch.addAll(FourMuonChannels.conversions(ms));
        MultiChannel mc = new MultiChannel(ch);
        double ms1 = 0, ms2 = 0;
        for (int i = 0; i < n; i++) {
            double w = mc.generate(rng, sqrtS).weight();
            ms1 += w;
            ms2 += w * w;
        }
        double a = rs / n, b = ms1 / n;
        double ea = Math.sqrt((rs2 / n - a * a) / n), eb = Math.sqrt((ms2 / n - b * b) / n);
        assertEquals(a, b, 4 * Math.hypot(ea, eb));
    }
}
