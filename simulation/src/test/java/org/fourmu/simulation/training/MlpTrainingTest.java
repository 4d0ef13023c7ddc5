package org.fourmu.simulation.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.FDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.fourmu.physics.mlp.MultilayerPerceptron;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.Test;

class MlpTrainingTest {

    private static final MlpTraining.Config SMALL = new MlpTraining.Config(new int[] {12, 6}, 64, 3e-3, 60, 8);

    /** 2 x perClass examples in d dimensions, alternately background (label 0) and signal (label 1). */
    static TrainingSample.Examples toy(int d, int perClass, long key, ToyInput input) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(RandomStreams.forKeys(77, key));
        double[][] x = new double[2 * perClass][d];
        double[] y = new double[2 * perClass];
        double[] w = new double[2 * perClass];
        for (int i = 0; i < 2 * perClass; i++) {
            y[i] = i % 2;
            w[i] = 1;
            for (int k = 0; k < d; k++) {
                x[i][k] = input.value(y[i] > 0, k, g.sample());
            }
        }
        return new TrainingSample.Examples(x, y, w, new double[2 * perClass]);
    }

    /** Input k of an example from a standard normal number. */
    interface ToyInput {
        double value(boolean signal, int k, double gaussian);
    }

    /** Signal N(mu, I) against background N(0, I) in d dimensions, each input then shifted and stretched. */
    static TrainingSample.Examples shiftedGaussians(int d, double separation, int perClass, long key) {
        return toy(d, perClass, key, (signal, k, z) -> 10 * k + (1 + k) * ((signal ? separation / Math.sqrt(d) : 0) + z));
    }

    /** Signal N(0, I) against background N(0, 4 I): the optimal discriminant |x|^2 is not linear. */
    static TrainingSample.Examples narrowInWide(int d, int perClass, long key) {
        return toy(d, perClass, 1000 + key, (signal, k, z) -> (signal ? 1 : 2) * z);
    }

    static double auc(MultilayerPerceptron net, TrainingSample.Examples test) {
        double[] s = Arrays.stream(indices(test, 1)).mapToDouble(i -> net.score(test.features()[i])).toArray();
        double[] b = Arrays.stream(indices(test, 0)).mapToDouble(i -> net.score(test.features()[i])).toArray();
        return RocCurve.of(s, null, b, null).auc();
    }

    static int[] indices(TrainingSample.Examples e, double label) {
        return java.util.stream.IntStream.range(0, e.size()).filter(i -> e.labels()[i] == label).toArray();
    }

    @Test
    void reachesTheBayesOptimalAucOfTwoShiftedGaussians() {
        int d = 16;
        double separation = 1.5;
        MlpTraining.Result r = MlpTraining.train(shiftedGaussians(d, separation, 3000, 1), shiftedGaussians(d, separation, 1000, 2),
                SMALL, 5);
        // equal covariances: the likelihood ratio is linear and AUC = Phi(|mu| / sqrt 2)
        double bayes = NormalDistribution.of(0, 1).cumulativeProbability(separation / Math.sqrt(2));
        double auc = auc(r.network(), shiftedGaussians(d, separation, 20_000, 3));
        // 20k test examples per class: standard error ~0.002; a network may not beat Bayes beyond that
        assertEquals(bayes, auc, 0.012, "Bayes " + bayes);
    }

    @Test
    void learnsANonLinearBoundary() {
        int d = 4;
        MlpTraining.Result r = MlpTraining.train(narrowInWide(d, 3000, 1), narrowInWide(d, 1000, 2), SMALL, 6);
        // optimal discriminant |x|^2: AUC = P(chi2_d < 4 chi2_d) = F(d, d) CDF at 4
        double bayes = FDistribution.of(d, d).cumulativeProbability(4);
        double auc = auc(r.network(), narrowInWide(d, 20_000, 3));
        assertEquals(bayes, auc, 0.015, "Bayes " + bayes);
    }

    @Test
    void lossFallsAndTheBestValidationEpochIsKept() {
        MlpTraining.Result r = MlpTraining.train(shiftedGaussians(4, 1.0, 1000, 4), shiftedGaussians(4, 1.0, 500, 5),
                new MlpTraining.Config(new int[] {6}, 32, 1e-3, 30, 5), 1);
        assertEquals(r.trainLoss().length, r.validationLoss().length);
        // balanced classes start at ~ln 2
        assertTrue(r.trainLoss()[r.trainLoss().length - 1] < Math.log(2) - 0.05);
        double min = Arrays.stream(r.validationLoss()).min().orElseThrow();
        assertEquals(min, r.validationLoss()[r.bestEpoch()], 0);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() {
        TrainingSample.Examples train = shiftedGaussians(16, 1.0, 500, 6);
        TrainingSample.Examples valid = shiftedGaussians(16, 1.0, 200, 7);
        MlpTraining.Config c = new MlpTraining.Config(new int[] {8, 4}, 32, 3e-3, 10, 3);
        byte[] a = MlpTraining.train(train, valid, c, 42).network().toBytes();
        byte[] b = MlpTraining.train(train, valid, c, 42).network().toBytes();
        byte[] other = MlpTraining.train(train, valid, c, 43).network().toBytes();
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, other));
    }

    @Test
    void classBalancingGivesEachClassHalfTheWeight() {
        double[] w = MlpTraining.classBalanced(new double[] {1, 0, 0, 0}, new double[] {2, 1, 1, 2});
        assertArrayEquals(new double[] {2, 0.5, 0.5, 1}, w, 1e-15);
    }
}
