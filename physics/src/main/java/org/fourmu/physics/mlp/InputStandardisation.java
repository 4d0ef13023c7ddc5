package org.fourmu.physics.mlp;

import java.util.Arrays;

/**
 * The per-input affine map x -> (x - centre) / scale that brings every network input to mean 0
 * and unit spread on the training sample, stored with the network weights.
 */
public final class InputStandardisation {

    private final double[] centre;
    private final double[] inverseScale;
    private final double[] scale;

    public InputStandardisation(double[] centre, double[] scale) {
        if (centre.length != scale.length) {
            throw new IllegalArgumentException("centre and scale need one value per input");
        }
        this.centre = centre.clone();
        this.scale = scale.clone();
        this.inverseScale = new double[scale.length];
        for (int i = 0; i < scale.length; i++) {
            if (!(scale[i] > 0) || !Double.isFinite(scale[i]) || !Double.isFinite(centre[i])) {
                throw new IllegalArgumentException("input " + i + ": scale must be positive and finite, centre finite");
            }
            inverseScale[i] = 1 / scale[i];
        }
    }

    /**
     * Weighted mean and standard deviation of each column (a constant column gets scale 1).
     *
     * @param rows    one input vector per example
     * @param weights one weight per example (null: all 1)
     */
    public static InputStandardisation fit(double[][] rows, double[] weights) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("no examples to standardise on");
        }
        int n = rows[0].length;
        double[] mean = new double[n];
        double[] var = new double[n];
        double sumW = 0;
        for (int r = 0; r < rows.length; r++) {
            double w = weights == null ? 1 : weights[r];
            sumW += w;
            for (int i = 0; i < n; i++) {
                mean[i] += w * rows[r][i];
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] /= sumW;
        }
        for (int r = 0; r < rows.length; r++) {
            double w = weights == null ? 1 : weights[r];
            for (int i = 0; i < n; i++) {
                double d = rows[r][i] - mean[i];
                var[i] += w * d * d;
            }
        }
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            sd[i] = Math.sqrt(var[i] / sumW);
            if (!(sd[i] > 0)) {
                sd[i] = 1;
            }
        }
        return new InputStandardisation(mean, sd);
    }

    /** The identity map on n inputs. */
    public static InputStandardisation identity(int n) {
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        return new InputStandardisation(new double[n], ones);
    }

    public int size() {
        return centre.length;
    }

    public double centre(int i) {
        return centre[i];
    }

    public double scale(int i) {
        return scale[i];
    }

    /** Writes the standardised inputs into out[0 .. size). */
    public void apply(double[] x, double[] out) {
        if (x.length != centre.length) {
            throw new IllegalArgumentException("expected " + centre.length + " inputs, got " + x.length);
        }
        for (int i = 0; i < centre.length; i++) {
            out[i] = (x[i] - centre[i]) * inverseScale[i];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputStandardisation s && Arrays.equals(centre, s.centre) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(centre) + Arrays.hashCode(scale);
    }
}
