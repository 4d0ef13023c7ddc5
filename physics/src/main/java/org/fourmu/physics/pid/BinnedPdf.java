package org.fourmu.physics.pid;

import java.util.Arrays;

/**
 * A probability density of one observable as a normalised histogram on [low, high); values
 * outside go to the edge bins. A floor keeps every bin positive so a likelihood is never zero.
 */
public record BinnedPdf(double low, double high, double[] density) {

    public BinnedPdf {
        if (!(high > low) || density.length == 0) {
            throw new IllegalArgumentException("a PDF needs high > low and at least one bin");
        }
        density = density.clone();
    }

    /** The PDF of {@code values} with {@code bins} bins, each bin at least {@code floor} of the average density. */
    public static BinnedPdf of(double[] values, double[] weights, double low, double high, int bins, double floor) {
        double[] h = new double[bins];
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            h[bin(values[i], low, high, bins)] += weights[i];
            total += weights[i];
        }
        double width = (high - low) / bins;
        double average = 1.0 / (high - low);
        double norm = 0;
        for (int b = 0; b < bins; b++) {
            h[b] = Math.max(total > 0 ? h[b] / (total * width) : average, floor * average);
            norm += h[b] * width;
        }
        for (int b = 0; b < bins; b++) {
            h[b] /= norm;
        }
        return new BinnedPdf(low, high, h);
    }

    static int bin(double x, double low, double high, int bins) {
        if (!(x >= low)) {
            return 0;
        }
        int b = (int) ((x - low) / (high - low) * bins);
        return Math.min(b, bins - 1);
    }

    public double value(double x) {
        return density[bin(x, low, high, density.length)];
    }

    @Override
    public double[] density() {
        return density.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinnedPdf b && b.low == low && b.high == high && Arrays.equals(b.density, density);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(low) * 31 + Arrays.hashCode(density);
    }
}
