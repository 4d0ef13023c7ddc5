package org.fourmu.simulation.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.Test;

class RocCurveTest {

    @Test
    void aucOfTwoUnitGaussiansIsPhiOfTheirSeparationOverRootTwo() {
        // P(S > B) for S ~ N(d, 1), B ~ N(0, 1) is Phi(d / sqrt 2)
        UniformRandomProvider rng = RandomStreams.forKeys(21);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double d = 1.2;
        double[] s = new double[40_000];
        double[] b = new double[40_000];
        for (int i = 0; i < s.length; i++) {
            s[i] = d + g.sample();
            b[i] = g.sample();
        }
        double expected = NormalDistribution.of(0, 1).cumulativeProbability(d / Math.sqrt(2));
        // standard error of the AUC estimate here is ~0.002
        assertEquals(expected, RocCurve.of(s, null, b, null).auc(), 0.008);
    }

    @Test
    void countsTiesAsOneHalfAndWeightsAsCounts() {
        assertEquals(0.5, RocCurve.of(new double[] {1, 1}, null, new double[] {1, 1, 1}, null).auc(), 0);
        assertEquals(1.0, RocCurve.of(new double[] {2, 3}, null, new double[] {0, 1}, null).auc(), 0);
        assertEquals(0.0, RocCurve.of(new double[] {0}, null, new double[] {1}, null).auc(), 0);
        // S = {1, 3}, B = {2}: P(S > B) = 1/2; weight 3 on S = 3 makes it 3/4
        assertEquals(0.5, RocCurve.of(new double[] {1, 3}, null, new double[] {2}, null).auc(), 0);
        assertEquals(0.75, RocCurve.of(new double[] {1, 3}, new double[] {1, 3}, new double[] {2}, new double[] {5}).auc(), 1e-15);
        // the same as duplicating the example three times
        assertEquals(0.75, RocCurve.of(new double[] {1, 3, 3, 3}, null, new double[] {2}, null).auc(), 1e-15);
    }

    @Test
    void efficienciesRiseToOneAsTheCutFalls() {
        RocCurve roc = RocCurve.of(new double[] {0.9, 0.8, 0.3}, null, new double[] {0.85, 0.2, 0.1, 0.05}, null);
        assertEquals(7, roc.cuts().length);
        assertEquals(1.0 / 3, roc.signalEfficiency()[0], 1e-15);
        assertEquals(0.0, roc.backgroundEfficiency()[0], 0);
        assertEquals(1.0, roc.signalEfficiency()[6], 0);
        assertEquals(1.0, roc.backgroundEfficiency()[6], 0);
        assertEquals(1.0, roc.signalEfficiencyAt(0.25), 0);
        assertEquals(1.0 / 3, roc.signalEfficiencyAt(0.2), 0);
    }
}
