package org.fourmu.physics.limits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.fourmu.physics.spectrum.Histogram;

/**
 * The look-elsewhere effect measured directly: the local-significance curves of scans over
 * background-only toy spectra. The global p-value of a local excess Z is the fraction of toys whose
 * largest local significance reaches Z; the Gross-Vitells estimate uses the mean number of
 * up-crossings at a reference level counted on the same toys, so the two can be compared.
 */
public final class LookElsewhereToys {

    private final double[][] curves;
    private final double[] maxima; // sorted

    /** @param curves the signed local significance of every scan point, one array per toy, in scan order */
    public LookElsewhereToys(List<double[]> curves) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("need at least one toy scan");
        }
        this.curves = curves.toArray(new double[0][]);
        this.maxima = curves.stream().mapToDouble(c -> Arrays.stream(c).max().orElse(0)).sorted().toArray();
    }

    /**
     * Scan {@code toys} background-only spectra drawn from {@code spectrum} (toy i from the stream
     * (seed, i)); {@code scan} returns the local-significance curve of one spectrum.
     */
    public static LookElsewhereToys run(BackgroundSpectrum spectrum, Function<Histogram, double[]> scan, int toys, long seed) {
        return run(spectrum, 0, Double.MAX_VALUE, scan, toys, seed);
    }

    /** As {@link #run(BackgroundSpectrum, Function, int, long)}, drawing only the candidates in [x1, x2] (reduced mass). */
    public static LookElsewhereToys run(BackgroundSpectrum spectrum, double x1, double x2, Function<Histogram, double[]> scan,
                                        int toys, long seed) {
        List<double[]> curves = new ArrayList<>(toys);
        for (int t = 0; t < toys; t++) {
            curves.add(scan.apply(spectrum.draw(seed, t, x1, x2)));
        }
        return new LookElsewhereToys(curves);
    }

    /** The correlation of neighbouring points of the curves (their mean is 0 and variance 1 under background only). */
    public double neighbourCorrelation() {
        double num = 0;
        double den = 0;
        for (double[] c : curves) {
            for (int i = 0; i + 1 < c.length; i++) {
                num += c[i] * c[i + 1];
                den += (c[i] * c[i] + c[i + 1] * c[i + 1]) / 2;
            }
        }
        return num / den;
    }

    public int toys() {
        return curves.length;
    }

    /** The largest local significance of each toy, ascending. */
    public double[] maxima() {
        return maxima.clone();
    }

    /** The curve of toy {@code i}. */
    public double[] curve(int i) {
        return curves[i].clone();
    }

    /** Fraction of toys whose largest local significance is at least z: the global p-value of z. */
    public double globalPValue(double z) {
        return ToyCls.tailFraction(maxima, z);
    }

    /** Binomial standard error of {@link #globalPValue}. */
    public double globalPValueError(double z) {
        double p = globalPValue(z);
        return Math.sqrt(Math.max(p * (1 - p), 1.0 / maxima.length) / maxima.length);
    }

    /** Mean number of up-crossings of level c0 per toy scan. */
    public double meanUpCrossings(double c0) {
        return Arrays.stream(curves).mapToInt(c -> GlobalSignificance.upCrossings(c, c0)).average().orElse(0);
    }

    /** Mean number of up-crossings of level c0 on every {@code stride}-th point of the curves. */
    public double meanUpCrossings(double c0, int stride) {
        return Arrays.stream(curves).mapToInt(c -> GlobalSignificance.upCrossings(subsample(c, stride), c0)).average().orElse(0);
    }

    static double[] subsample(double[] c, int stride) {
        double[] out = new double[(c.length + stride - 1) / stride];
        for (int i = 0; i < out.length; i++) {
            out[i] = c[i * stride];
        }
        return out;
    }

    /** The Gross-Vitells global p-value of z from the toys' mean up-crossings at c0. */
    public double grossVitellsPValue(double z, double c0) {
        return GlobalSignificance.globalPValue(z, meanUpCrossings(c0), c0);
    }

    /** The same toys restricted to points [from, to) of every curve (a sub-range of the scan). */
    public LookElsewhereToys range(int from, int to) {
        List<double[]> sub = new ArrayList<>(curves.length);
        for (double[] c : curves) {
            sub.add(Arrays.copyOfRange(c, from, to));
        }
        return new LookElsewhereToys(sub);
    }

    /** Mean and standard deviation of the local significance over all points of all toys. */
    public double[] localMeanAndWidth() {
        double s = 0;
        double s2 = 0;
        long n = 0;
        for (double[] c : curves) {
            for (double z : c) {
                s += z;
                s2 += z * z;
                n++;
            }
        }
        double mean = s / n;
        return new double[] {mean, Math.sqrt(Math.max(0, s2 / n - mean * mean))};
    }
}
