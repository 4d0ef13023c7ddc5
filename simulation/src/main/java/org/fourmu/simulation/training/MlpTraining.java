package org.fourmu.simulation.training;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.mlp.CrossEntropyGradient;
import org.fourmu.physics.mlp.InputStandardisation;
import org.fourmu.physics.mlp.MultilayerPerceptron;
import org.fourmu.physics.random.RandomStreams;

/**
 * Trains one {@link MultilayerPerceptron} by mini-batch Adam (Kingma and Ba, arXiv:1412.6980) on the
 * class-weighted binary cross-entropy, with early stopping on the validation loss. Signal and
 * background weights are rescaled so each class carries half the total weight. Single-threaded
 * and in a fixed order: the same examples and seed give the same network bit for bit.
 */
public final class MlpTraining {

    /**
     * Training settings.
     *
     * @param hidden       hidden layer sizes (tanh)
     * @param batchSize    examples per gradient step
     * @param learningRate Adam step size
     * @param maxEpochs    passes over the training examples at most
     * @param patience     stop after this many epochs without a lower validation loss; the best epoch's network is kept
     */
    public record Config(int[] hidden, int batchSize, double learningRate, int maxEpochs, int patience) {

        public Config {
            hidden = hidden.clone();
            if (batchSize < 1 || !(learningRate > 0) || maxEpochs < 1 || patience < 1) {
                throw new IllegalArgumentException("batch size, learning rate, epochs and patience must be positive");
            }
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }
    }

    /**
     * A trained network and its learning curve.
     *
     * @param network         the parameters of the epoch with the lowest validation loss
     * @param trainLoss       mean weighted cross-entropy on the training examples after each epoch
     * @param validationLoss  the same on the validation examples
     * @param bestEpoch       index of the kept epoch
     */
    public record Result(MultilayerPerceptron network, double[] trainLoss, double[] validationLoss, int bestEpoch) {
    }

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private MlpTraining() {
    }

    /** Trains on {@code train}, stops early on {@code validation}; deterministic for the seed. */
    public static Result train(TrainingSample.Examples train, TrainingSample.Examples validation, Config config, long seed) {
        if (train.count(1) == 0 || train.count(0) == 0 || validation.size() == 0) {
            throw new IllegalArgumentException("training needs signal and background examples and a validation sample");
        }
        int inputs = train.features()[0].length;
        int[] sizes = new int[config.hidden().length + 2];
        sizes[0] = inputs;
        System.arraycopy(config.hidden(), 0, sizes, 1, config.hidden().length);
        sizes[sizes.length - 1] = 1;

        InputStandardisation standardisation = InputStandardisation.fit(train.features(), train.weights());
        double[][] xTrain = standardise(train.features(), standardisation);
        double[][] xValid = standardise(validation.features(), standardisation);
        double[] wTrain = classBalanced(train.labels(), train.weights());
        double[] wValid = classBalanced(validation.labels(), validation.weights());

        double[] p = initialParameters(sizes, RandomStreams.forKeys(seed, 0));
        double[] best = p.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double[] g = new double[p.length];
        CrossEntropyGradient gradient = new CrossEntropyGradient(sizes);
        int n = xTrain.length;
        int[] order = new int[n];
        double[] trainLoss = new double[config.maxEpochs()];
        double[] validLoss = new double[config.maxEpochs()];
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = -1;
        long step = 0;
        int epoch = 0;
        for (; epoch < config.maxEpochs(); epoch++) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            shuffle(order, RandomStreams.forKeys(seed, 1, epoch));
            for (int start = 0; start < n; start += config.batchSize()) {
                int end = Math.min(n, start + config.batchSize());
                Arrays.fill(g, 0);
                double batchWeight = 0;
                for (int k = start; k < end; k++) {
                    int i = order[k];
                    gradient.accumulate(p, xTrain[i], train.labels()[i], wTrain[i], g);
                    batchWeight += wTrain[i];
                }
                step++;
                double lr = config.learningRate() * Math.sqrt(1 - StrictMath.pow(BETA2, step)) / (1 - StrictMath.pow(BETA1, step));
                for (int k = 0; k < p.length; k++) {
                    double gk = g[k] / batchWeight;
                    m[k] = BETA1 * m[k] + (1 - BETA1) * gk;
                    v[k] = BETA2 * v[k] + (1 - BETA2) * gk * gk;
                    p[k] -= lr * m[k] / (Math.sqrt(v[k]) + EPSILON);
                }
            }
            trainLoss[epoch] = meanLoss(gradient, p, xTrain, train.labels(), wTrain);
            validLoss[epoch] = meanLoss(gradient, p, xValid, validation.labels(), wValid);
            if (validLoss[epoch] < bestLoss) {
                bestLoss = validLoss[epoch];
                bestEpoch = epoch;
                System.arraycopy(p, 0, best, 0, p.length);
            } else if (epoch - bestEpoch >= config.patience()) {
                epoch++;
                break;
            }
        }
        return new Result(new MultilayerPerceptron(sizes, standardisation, best), Arrays.copyOf(trainLoss, epoch),
                Arrays.copyOf(validLoss, epoch), bestEpoch);
    }

    static double[][] standardise(double[][] rows, InputStandardisation s) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[s.size()];
            s.apply(rows[i], out[i]);
        }
        return out;
    }

    /** Weights rescaled so that signal and background each sum to half the number of examples. */
    static double[] classBalanced(double[] labels, double[] weights) {
        double sig = 0;
        double bkg = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] > 0.5) {
                sig += weights[i];
            } else {
                bkg += weights[i];
            }
        }
        double half = labels.length / 2.0;
        double[] out = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = weights[i] * half / (labels[i] > 0.5 ? sig : bkg);
        }
        return out;
    }

    /** Glorot-uniform weights (Glorot and Bengio 2010), zero biases. */
    static double[] initialParameters(int[] sizes, UniformRandomProvider rng) {
        double[] p = new double[MultilayerPerceptron.parameterCount(sizes)];
        int k = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            double limit = Math.sqrt(6.0 / (sizes[l] + sizes[l + 1]));
            for (int i = 0; i < sizes[l] * sizes[l + 1]; i++) {
                p[k++] = limit * (2 * rng.nextDouble() - 1);
            }
            k += sizes[l + 1];
        }
        return p;
    }

    /** Fisher-Yates. */
    private static void shuffle(int[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static double meanLoss(CrossEntropyGradient gradient, double[] p, double[][] x, double[] y, double[] w) {
        double sum = 0;
        double sumW = 0;
        for (int i = 0; i < x.length; i++) {
            sum += gradient.loss(p, x[i], y[i], w[i]);
            sumW += w[i];
        }
        return sum / sumW;
    }
}
