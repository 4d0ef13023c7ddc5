package org.fourmu.simulation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.fit.CrystalBall;
import org.fourmu.physics.fit.DoubleCrystalBall;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.Test;

/** The double Crystal Ball fit on toy samples drawn from known shapes. */
class SignalShapeFitTest {

    static final double LOW = 2.85;
    static final double HIGH = 3.15;
    /** A resolution-like truth: core 4 MeV with a low tail, wider 8 MeV component with a high tail. */
    static final double[] TRUTH = {3.0, 0.004, 1.3, 4.0, 0.008, -1.6, 6.0, 0.65};

    static double[] toy(double[] p, int n, long seed) {
        DoubleCrystalBall dcb = new DoubleCrystalBall(new CrystalBall(p[0], p[1], p[2], p[3]),
                new CrystalBall(p[0], p[4], p[5], p[6]), p[7], LOW, HIGH);
        UniformRandomProvider rng = RandomStreams.forKeys(seed, n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = dcb.quantile(rng.nextDouble());
        }
        return x;
    }

    @Test
    void recoversTheGeneratedParametersOfALargeToy() {
        SignalShapeFit.Result r = SignalShapeFit.fit(toy(TRUTH, 40_000, 1), LOW, HIGH);
        for (int i = 0; i < TRUTH.length; i++) {
            double pull = (r.parameters()[i] - TRUTH[i]) / r.errors()[i];
            assertTrue(Math.abs(pull) < 4, SignalShapeFit.NAMES[i] + ": fitted " + r.parameters()[i] + " +- " + r.errors()[i]
                    + ", generated " + TRUTH[i]);
        }
        double trueSigmaEff = SignalShapeFit.shape(TRUTH, LOW, HIGH).effectiveSigma();
        assertEquals(trueSigmaEff, r.effectiveSigma(), 0.02 * trueSigmaEff);
    }

    @Test
    void meanAndEffectiveSigmaHaveUnitPullsOverToys() {
        // 12 toys of 2000 events: the calibration's typical sample per mass
        int toys = 12;
        double trueSigmaEff = SignalShapeFit.shape(TRUTH, LOW, HIGH).effectiveSigma();
        double sumPull = 0;
        double sumPull2 = 0;
        double sumSigmaEff = 0;
        for (int t = 0; t < toys; t++) {
            SignalShapeFit.Result r = SignalShapeFit.fit(toy(TRUTH, 2000, 100 + t), LOW, HIGH);
            double pull = (r.parameter("mean") - TRUTH[0]) / r.error("mean");
            sumPull += pull;
            sumPull2 += pull * pull;
            sumSigmaEff += r.effectiveSigma();
        }
        double mean = sumPull / toys;
        double width = Math.sqrt(sumPull2 / toys - mean * mean);
        assertEquals(0, mean, 0.9, "mean pull (3 standard errors for 12 toys)");
        assertEquals(1, width, 0.5, "pull width");
        // the effective sigma is unbiased to 2.5% on average
        assertEquals(trueSigmaEff, sumSigmaEff / toys, 0.025 * trueSigmaEff);
    }

    @Test
    void aGaussianSampleGivesItsSigma() {
        double[] gauss = {3.0, 0.005, 8, 5, 0.005, -8, 5, 0.5};
        SignalShapeFit.Result r = SignalShapeFit.fit(toy(gauss, 10_000, 7), LOW, HIGH);
        // independent estimate: the sample standard deviation of a Gaussian sample
        double[] x = toy(gauss, 10_000, 7);
        double m = java.util.Arrays.stream(x).average().orElseThrow();
        double sd = Math.sqrt(java.util.Arrays.stream(x).map(v -> (v - m) * (v - m)).sum() / (x.length - 1));
        assertEquals(sd, r.effectiveSigma(), 0.02 * sd);
    }
}
