package org.fourmu.physics.mlp;

/**
 * Backpropagation of the binary cross-entropy through a {@link MultilayerPerceptron}: for one
 * example with label y in {0, 1}, weight w and output s = sigmoid(z), the loss is
 * w [-y ln s - (1 - y) ln(1 - s)] and dLoss/dz = w (s - y); hidden layers multiply by
 * tanh' = 1 - a^2. One instance per thread: it owns the activation and error buffers.
 */
public final class CrossEntropyGradient {

    private final int[] layerSizes;
    private final double[] activations;
    private final double[] errors;
    private final int[] parameterOffset;
    private final int[] activationOffset;

    public CrossEntropyGradient(int[] layerSizes) {
        MultilayerPerceptron.checkArchitecture(layerSizes);
        this.layerSizes = layerSizes.clone();
        int n = MultilayerPerceptron.activationCount(layerSizes);
        this.activations = new double[n];
        this.errors = new double[n];
        this.parameterOffset = new int[layerSizes.length - 1];
        this.activationOffset = new int[layerSizes.length];
        for (int l = 1; l < layerSizes.length; l++) {
            activationOffset[l] = activationOffset[l - 1] + layerSizes[l - 1];
        }
        for (int l = 1; l + 1 < layerSizes.length; l++) {
            parameterOffset[l] = parameterOffset[l - 1] + layerSizes[l - 1] * layerSizes[l] + layerSizes[l];
        }
    }

    /**
     * The weighted loss of one example, with its gradient added to {@code gradient}.
     *
     * @param parameters   network parameters (layout of {@link MultilayerPerceptron})
     * @param standardised standardised inputs
     * @param label        1 for signal, 0 for background
     * @param weight       example weight
     * @param gradient     accumulator, one entry per parameter
     */
    public double accumulate(double[] parameters, double[] standardised, double label, double weight, double[] gradient) {
        System.arraycopy(standardised, 0, activations, 0, layerSizes[0]);
        double z = MultilayerPerceptron.forward(layerSizes, parameters, activations);
        int top = layerSizes.length - 1;
        errors[activationOffset[top]] = weight * (MultilayerPerceptron.sigmoid(z) - label);
        for (int l = top - 1; l >= 0; l--) {
            int nIn = layerSizes[l];
            int nOut = layerSizes[l + 1];
            int in = activationOffset[l];
            int out = activationOffset[l + 1];
            int w = parameterOffset[l];
            int bias = w + nIn * nOut;
            for (int j = 0; j < nOut; j++) {
                double d = errors[out + j];
                gradient[bias + j] += d;
                int row = w + j * nIn;
                for (int i = 0; i < nIn; i++) {
                    gradient[row + i] += d * activations[in + i];
                }
            }
            if (l > 0) {
                for (int i = 0; i < nIn; i++) {
                    double sum = 0;
                    for (int j = 0; j < nOut; j++) {
                        sum += parameters[w + j * nIn + i] * errors[out + j];
                    }
                    double a = activations[in + i];
                    errors[in + i] = sum * (1 - a * a);
                }
            }
        }
        return weight * loss(z, label);
    }

    /** The weighted loss of one example without the gradient. */
    public double loss(double[] parameters, double[] standardised, double label, double weight) {
        System.arraycopy(standardised, 0, activations, 0, layerSizes[0]);
        return weight * loss(MultilayerPerceptron.forward(layerSizes, parameters, activations), label);
    }

    /** -y ln sigmoid(z) - (1 - y) ln(1 - sigmoid(z)) = softplus(z) - y z, computed without overflow. */
    public static double loss(double z, double label) {
        double softplus = Math.max(z, 0) + StrictMath.log1p(StrictMath.exp(-Math.abs(z)));
        return softplus - label * z;
    }
}
