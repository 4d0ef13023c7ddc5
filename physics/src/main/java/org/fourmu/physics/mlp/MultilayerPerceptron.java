package org.fourmu.physics.mlp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * A feed-forward network with one sigmoid output, the shape of TMVA's MLP (paper Sec. IV D, Ref.
 * [46]): inputs standardised with the stored {@link InputStandardisation}, tanh hidden layers,
 * a logistic output read as the signal probability. Immutable and thread-safe; {@link #score}
 * allocates nothing after a thread's first call.
 *
 * <p>Parameters are one flat array, layer after layer: the weights of layer l as a row-major
 * (out x in) matrix, then its biases. Activations are built on {@link StrictMath#exp}, so a network
 * scores and trains bit-identically on every JVM.
 */
public final class MultilayerPerceptron {

    /** "FMLP" */
    private static final int MAGIC = 0x464D4C50;
    /** Version 1: tanh hidden layers, logistic output, standardised inputs, big-endian IEEE doubles. */
    public static final int FORMAT_VERSION = 1;

    private final int[] layerSizes;
    private final InputStandardisation standardisation;
    private final double[] parameters;
    private final ThreadLocal<double[]> workspace;

    /**
     * @param layerSizes      inputs, hidden layers..., 1
     * @param standardisation per-input centre and scale, applied before the first layer
     * @param parameters      {@link #parameterCount} values in the layout of the class comment
     */
    public MultilayerPerceptron(int[] layerSizes, InputStandardisation standardisation, double[] parameters) {
        checkArchitecture(layerSizes);
        if (standardisation.size() != layerSizes[0]) {
            throw new IllegalArgumentException("standardisation has " + standardisation.size() + " inputs, network " + layerSizes[0]);
        }
        if (parameters.length != parameterCount(layerSizes)) {
            throw new IllegalArgumentException("expected " + parameterCount(layerSizes) + " parameters, got " + parameters.length);
        }
        for (double p : parameters) {
            if (!Double.isFinite(p)) {
                throw new IllegalArgumentException("non-finite network parameter");
            }
        }
        this.layerSizes = layerSizes.clone();
        this.standardisation = standardisation;
        this.parameters = parameters.clone();
        int size = activationCount(layerSizes);
        this.workspace = ThreadLocal.withInitial(() -> new double[size]);
    }

    static void checkArchitecture(int[] layerSizes) {
        if (layerSizes.length < 2 || layerSizes[layerSizes.length - 1] != 1) {
            throw new IllegalArgumentException("layer sizes must run from the inputs to one output: " + Arrays.toString(layerSizes));
        }
        for (int n : layerSizes) {
            if (n < 1) {
                throw new IllegalArgumentException("empty layer in " + Arrays.toString(layerSizes));
            }
        }
    }

    /** Weights and biases of a network with these layer sizes. */
    public static int parameterCount(int[] layerSizes) {
        int n = 0;
        for (int l = 0; l + 1 < layerSizes.length; l++) {
            n += layerSizes[l] * layerSizes[l + 1] + layerSizes[l + 1];
        }
        return n;
    }

    /** Neurons in all layers, inputs and output included: the size of an activation buffer. */
    public static int activationCount(int[] layerSizes) {
        int n = 0;
        for (int s : layerSizes) {
            n += s;
        }
        return n;
    }

    public int inputs() {
        return layerSizes[0];
    }

    public int[] layerSizes() {
        return layerSizes.clone();
    }

    public InputStandardisation standardisation() {
        return standardisation;
    }

    public double[] parameters() {
        return parameters.clone();
    }

    /** The network output in (0, 1) for raw (unstandardised) inputs. */
    public double score(double[] inputs) {
        double[] a = workspace.get();
        standardisation.apply(inputs, a);
        return sigmoid(forward(layerSizes, parameters, a));
    }

    /**
     * The forward pass: {@code activations[0..inputs)} hold standardised inputs; each later layer's
     * activations are written after the previous layer's, the output neuron last. Returns the
     * output before the sigmoid (the logit), which is also stored as the last activation.
     */
    public static double forward(int[] layerSizes, double[] parameters, double[] activations) {
        int p = 0;
        int in = 0;
        int last = layerSizes.length - 2;
        for (int l = 0; l <= last; l++) {
            int nIn = layerSizes[l];
            int nOut = layerSizes[l + 1];
            int out = in + nIn;
            int bias = p + nIn * nOut;
            for (int j = 0; j < nOut; j++) {
                double z = parameters[bias + j];
                int row = p + j * nIn;
                for (int i = 0; i < nIn; i++) {
                    z += parameters[row + i] * activations[in + i];
                }
                activations[out + j] = l < last ? tanh(z) : z;
            }
            p = bias + nOut;
            in = out;
        }
        return activations[in];
    }

    /**
     * tanh(z) = (1 - e^-2|z|) / (1 + e^-2|z|) with the sign of z, from {@link StrictMath#exp}: reproducible
     * on every JVM like StrictMath.tanh, which in Java 17 is a native call two to three times slower.
     * Its absolute error is below 3e-16.
     */
    public static double tanh(double z) {
        double e = StrictMath.exp(-2 * Math.abs(z));
        double t = (1 - e) / (1 + e);
        return z < 0 ? -t : t;
    }

    /** The logistic function 1 / (1 + e^-z), without overflow for large |z|. */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + StrictMath.exp(-z));
        }
        double e = StrictMath.exp(z);
        return e / (1 + e);
    }

    /** The canonical bytes: equal networks give equal bytes, so a bundle's content hash is stable. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeInt(layerSizes.length);
        for (int s : layerSizes) {
            out.writeInt(s);
        }
        for (int i = 0; i < layerSizes[0]; i++) {
            out.writeDouble(standardisation.centre(i));
            out.writeDouble(standardisation.scale(i));
        }
        for (double p : parameters) {
            out.writeDouble(p);
        }
    }

    public static MultilayerPerceptron fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            MultilayerPerceptron network = readFrom(in);
            if (in.available() > 0) {
                throw new IllegalArgumentException("trailing bytes after the network");
            }
            return network;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a network: " + e.getMessage(), e);
        }
    }

    public static MultilayerPerceptron readFrom(DataInput in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IllegalArgumentException("not a fourmu network (bad magic)");
        }
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("network format version " + version + " is not supported (expected "
                    + FORMAT_VERSION + ")");
        }
        int layers = in.readInt();
        if (layers < 2 || layers > 64) {
            throw new IllegalArgumentException("implausible layer count " + layers);
        }
        int[] sizes = new int[layers];
        for (int l = 0; l < layers; l++) {
            sizes[l] = in.readInt();
            if (sizes[l] < 1 || sizes[l] > 4096) {
                throw new IllegalArgumentException("implausible layer size " + sizes[l]);
            }
        }
        double[] centre = new double[sizes[0]];
        double[] scale = new double[sizes[0]];
        for (int i = 0; i < sizes[0]; i++) {
            centre[i] = in.readDouble();
            scale[i] = in.readDouble();
        }
        checkArchitecture(sizes);
        double[] parameters = new double[parameterCount(sizes)];
        for (int k = 0; k < parameters.length; k++) {
            parameters[k] = in.readDouble();
        }
        return new MultilayerPerceptron(sizes, new InputStandardisation(centre, scale), parameters);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultilayerPerceptron m && Arrays.equals(layerSizes, m.layerSizes)
                && standardisation.equals(m.standardisation) && Arrays.equals(parameters, m.parameters);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(layerSizes) + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "MultilayerPerceptron" + Arrays.toString(layerSizes);
    }
}
