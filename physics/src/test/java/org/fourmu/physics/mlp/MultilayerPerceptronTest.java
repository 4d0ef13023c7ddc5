package org.fourmu.physics.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.Test;

class MultilayerPerceptronTest {

    private static final int[] SIZES = {5, 7, 4, 1};

    static MultilayerPerceptron randomNetwork(int[] sizes, long seed) {
        UniformRandomProvider rng = RandomStreams.forKeys(seed);
        double[] p = new double[MultilayerPerceptron.parameterCount(sizes)];
        for (int k = 0; k < p.length; k++) {
            p[k] = 2 * rng.nextDouble() - 1;
        }
        double[] centre = new double[sizes[0]];
        double[] scale = new double[sizes[0]];
        for (int i = 0; i < sizes[0]; i++) {
            centre[i] = rng.nextDouble() - 0.5;
            scale[i] = 0.5 + rng.nextDouble();
        }
        return new MultilayerPerceptron(sizes, new InputStandardisation(centre, scale), p);
    }

    @Test
    void countsParametersLayerByLayer() {
        // 5x7+7, 7x4+4, 4x1+1
        assertEquals(42 + 32 + 5, MultilayerPerceptron.parameterCount(SIZES));
        assertEquals(17, MultilayerPerceptron.activationCount(SIZES));
    }

    @Test
    void scoresATwoTwoOneNetworkAsWrittenOutByHand() {
        // weights (row-major out x in) then biases, per layer
        double[] p = {0.5, -1.0, 0.25, 2.0, 0.1, -0.2, 1.5, -0.7, 0.3};
        MultilayerPerceptron net = new MultilayerPerceptron(new int[] {2, 2, 1},
                new InputStandardisation(new double[] {1, 2}, new double[] {2, 4}), p);
        double x0 = (3 - 1) / 2.0;
        double x1 = (-2 - 2) / 4.0;
        double h0 = Math.tanh(0.5 * x0 - 1.0 * x1 + 0.1);
        double h1 = Math.tanh(0.25 * x0 + 2.0 * x1 - 0.2);
        double expected = 1 / (1 + Math.exp(-(1.5 * h0 - 0.7 * h1 + 0.3)));
        assertEquals(expected, net.score(new double[] {3, -2}), 1e-15);
    }

    @Test
    void tanhAgreesWithTheLibraryEverywhere() {
        for (double z = -25; z <= 25; z += 0.0137) {
            assertEquals(StrictMath.tanh(z), MultilayerPerceptron.tanh(z), 3e-16, "z = " + z);
        }
        assertEquals(1.0, MultilayerPerceptron.tanh(1000), 0);
        assertEquals(-1.0, MultilayerPerceptron.tanh(-1000), 0);
        assertEquals(1e-9, MultilayerPerceptron.tanh(1e-9), 1e-16);
    }

    @Test
    void sigmoidIsSymmetricAndFiniteAtExtremes() {
        for (double z : new double[] {-800, -30, -1.5, 0, 0.3, 12, 800}) {
            assertEquals(1.0, MultilayerPerceptron.sigmoid(z) + MultilayerPerceptron.sigmoid(-z), 1e-15);
        }
        assertEquals(0.0, MultilayerPerceptron.sigmoid(-800), 0);
        assertEquals(1.0, MultilayerPerceptron.sigmoid(800), 0);
    }

    @Test
    void crossEntropyEqualsMinusLogLikelihoodAndStaysFinite() {
        for (double z : new double[] {-5, -0.4, 0, 1.2, 7}) {
            double s = 1 / (1 + Math.exp(-z));
            assertEquals(-Math.log(s), CrossEntropyGradient.loss(z, 1), 1e-12);
            assertEquals(-Math.log(1 - s), CrossEntropyGradient.loss(z, 0), 1e-12);
        }
        assertEquals(1000, CrossEntropyGradient.loss(-1000, 1), 1e-9);
        assertEquals(0, CrossEntropyGradient.loss(1000, 1), 1e-12);
    }

    @Test
    void backpropagationAgreesWithCentralFiniteDifferences() {
        MultilayerPerceptron net = randomNetwork(SIZES, 3);
        double[] p = net.parameters();
        CrossEntropyGradient gradient = new CrossEntropyGradient(SIZES);
        UniformRandomProvider rng = RandomStreams.forKeys(4);
        for (int example = 0; example < 6; example++) {
            double[] x = new double[SIZES[0]];
            for (int i = 0; i < x.length; i++) {
                x[i] = 3 * rng.nextDouble() - 1.5;
            }
            double label = example % 2;
            double weight = 0.3 + rng.nextDouble();
            double[] g = new double[p.length];
            double loss = gradient.accumulate(p, x, label, weight, g);
            assertEquals(gradient.loss(p, x, label, weight), loss, 1e-15);
            double h = 1e-6;
            for (int k = 0; k < p.length; k++) {
                double keep = p[k];
                p[k] = keep + h;
                double up = gradient.loss(p, x, label, weight);
                p[k] = keep - h;
                double down = gradient.loss(p, x, label, weight);
                p[k] = keep;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, g[k], 1e-7 * Math.max(1, Math.abs(numeric)), "parameter " + k + ", example " + example);
            }
        }
    }

    @Test
    void gradientAccumulatesOverExamples() {
        double[] p = randomNetwork(SIZES, 5).parameters();
        CrossEntropyGradient gradient = new CrossEntropyGradient(SIZES);
        double[] a = {0.1, -0.2, 0.3, 0.4, -0.5};
        double[] b = {-1, 0.5, 0.2, 0, 1};
        double[] both = new double[p.length];
        gradient.accumulate(p, a, 1, 1, both);
        gradient.accumulate(p, b, 0, 2, both);
        double[] ga = new double[p.length];
        double[] gb = new double[p.length];
        gradient.accumulate(p, a, 1, 1, ga);
        gradient.accumulate(p, b, 0, 2, gb);
        for (int k = 0; k < p.length; k++) {
            assertEquals(ga[k] + gb[k], both[k], 1e-14);
        }
    }

    @Test
    void serialisationRoundTripScoresIdenticallyAndIsCanonical() {
        MultilayerPerceptron net = randomNetwork(SIZES, 9);
        byte[] bytes = net.toBytes();
        MultilayerPerceptron back = MultilayerPerceptron.fromBytes(bytes);
        assertEquals(net, back);
        assertArrayEquals(bytes, back.toBytes());
        UniformRandomProvider rng = RandomStreams.forKeys(10);
        for (int n = 0; n < 100; n++) {
            double[] x = new double[SIZES[0]];
            for (int i = 0; i < x.length; i++) {
                x[i] = 4 * rng.nextDouble() - 2;
            }
            assertEquals(Double.doubleToLongBits(net.score(x)), Double.doubleToLongBits(back.score(x)));
        }
        assertArrayEquals(bytes, randomNetwork(SIZES, 9).toBytes());
        assertNotEquals(net, randomNetwork(SIZES, 11));
    }

    @Test
    void refusesForeignOrFutureOrTruncatedBytes() {
        byte[] bytes = randomNetwork(SIZES, 9).toBytes();
        byte[] magic = bytes.clone();
        magic[0] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> MultilayerPerceptron.fromBytes(magic));
        byte[] version = bytes.clone();
        version[7] = 2;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultilayerPerceptron.fromBytes(version));
        assertTrue(e.getMessage().contains("version 2"));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThrows(IllegalArgumentException.class, () -> MultilayerPerceptron.fromBytes(truncated));
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(IllegalArgumentException.class, () -> MultilayerPerceptron.fromBytes(longer));
    }

    @Test
    void refusesArchitecturesWithoutASingleOutput() {
        assertThrows(IllegalArgumentException.class, () -> new MultilayerPerceptron(new int[] {3, 2},
                InputStandardisation.identity(3), new double[MultilayerPerceptron.parameterCount(new int[] {3, 2})]));
        assertThrows(IllegalArgumentException.class, () -> new MultilayerPerceptron(new int[] {3, 1},
                InputStandardisation.identity(3), new double[3]));
    }

    @Test
    void standardisationGivesZeroMeanAndUnitSpread() {
        double[][] rows = {{1, 10}, {3, 10}, {5, 10}};
        InputStandardisation s = InputStandardisation.fit(rows, null);
        assertEquals(3, s.centre(0), 1e-15);
        assertEquals(Math.sqrt(8.0 / 3), s.scale(0), 1e-15);
        assertEquals(1, s.scale(1), 0, "a constant input keeps scale 1");
        double[] out = new double[2];
        s.apply(new double[] {5, 10}, out);
        assertEquals(2 / Math.sqrt(8.0 / 3), out[0], 1e-15);
        assertEquals(0, out[1], 0);
        InputStandardisation weighted = InputStandardisation.fit(rows, new double[] {0, 1, 1});
        assertEquals(4, weighted.centre(0), 1e-15);
    }
}
