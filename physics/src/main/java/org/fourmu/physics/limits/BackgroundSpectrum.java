package org.fourmu.physics.limits;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.spectrum.Histogram;

/**
 * A smooth reduced-mass background from which background-only toy spectra are drawn: a density
 * (any normalisation) on [low, high] with an expected number of candidates. Each toy is a Poisson
 * number of candidates placed by the tabulated inverse cumulative distribution on the histogram's
 * bins (flat within a bin), from the stream (seed, toy): the same toy for any thread.
 */
public final class BackgroundSpectrum {

    private final DoubleUnaryOperator density;
    private final double low;
    private final double high;
    private final double expected;
    private final Histogram binning;
    private final int firstBin;
    private final double[] cdf; // cumulative expected counts per bin from firstBin

    public BackgroundSpectrum(DoubleUnaryOperator density, double low, double high, double expected) {
        if (!(high > low) || !(expected > 0)) {
            throw new IllegalArgumentException("need high > low and a positive expected number of candidates");
        }
        this.density = density;
        this.low = low;
        this.high = high;
        this.expected = expected;
        this.binning = Histogram.reducedMass();
        this.firstBin = Math.max(0, binning.binOf(low));
        int lastBin = Math.min(binning.bins() - 1, binning.binOf(high));
        cdf = new double[lastBin - firstBin + 1];
        double s = 0;
        for (int b = firstBin; b <= lastBin; b++) {
            double x1 = Math.max(low, binning.binLow(b));
            double x2 = Math.min(high, binning.binLow(b + 1));
            // midpoint rule on 0.1 MeV bins of a density smooth on the MeV scale
            s += x2 > x1 ? Math.max(0, density.applyAsDouble((x1 + x2) / 2)) * (x2 - x1) : 0;
            cdf[b - firstBin] = s;
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException("the density integrates to zero on [" + low + ", " + high + "]");
        }
        for (int i = 0; i < cdf.length; i++) {
            cdf[i] *= expected / s;
        }
    }

    /**
     * A falling spectrum, (1 - exp(-x / 0.1 GeV)) exp(-x / 1.5 GeV) in reduced mass x on 0-9.5 GeV:
     * zero at threshold, a maximum near 0.3 GeV and a fall by about two and a half decades to
     * 9 GeV, like the final dimuon spectrum of the paper (Fig. 11). With 30,000 candidates a fit
     * window holds ~1000 of them below 1 GeV and ~10 at 9 GeV, so it spans both regimes of the
     * statistics: asymptotic at low mass, a few events at high mass.
     */
    public static BackgroundSpectrum falling(double expected) {
        return new BackgroundSpectrum(x -> (1 - Math.exp(-x / 0.1)) * Math.exp(-x / 1.5), 0, 9.5, expected);
    }

    public double expected() {
        return expected;
    }

    /** The expected candidates in [x1, x2] (reduced mass, GeV), to the histogram's bin. */
    public double expected(double x1, double x2) {
        return cumulativeAt(x2) - cumulativeAt(x1);
    }

    private double cumulativeAt(double x) {
        int b = binning.binOf(Math.max(low, Math.min(high, x))) - firstBin;
        if (b < 0) {
            return 0;
        }
        if (b >= cdf.length) {
            return expected;
        }
        double before = b == 0 ? 0 : cdf[b - 1];
        double lowEdge = binning.binLow(b + firstBin);
        double frac = Math.max(0, Math.min(1, (x - lowEdge) / binning.binWidth()));
        return before + frac * (cdf[b] - before);
    }

    /** Toy {@code toy} of the whole spectrum. */
    public Histogram draw(long seed, long toy) {
        return draw(seed, toy, low, high);
    }

    /** Toy {@code toy} restricted to [x1, x2]: the candidates a fit window there would see. */
    public Histogram draw(long seed, long toy, double x1, double x2) {
        Histogram h = Histogram.reducedMass();
        fill(h, RandomStreams.forKeys(seed, toy), x1, x2);
        return h;
    }

    /** Add a Poisson number of candidates in [x1, x2] to {@code h}. */
    public void fill(Histogram h, UniformRandomProvider rng, double x1, double x2) {
        double c1 = cumulativeAt(x1);
        double c2 = cumulativeAt(x2);
        if (!(c2 > c1)) {
            return;
        }
        long n = PoissonSampler.of(rng, c2 - c1).sample();
        for (long k = 0; k < n; k++) {
            double target = c1 + rng.nextDouble() * (c2 - c1);
            int i = Arrays.binarySearch(cdf, target);
            i = i >= 0 ? i : -i - 1;
            i = Math.min(i, cdf.length - 1);
            double before = i == 0 ? 0 : cdf[i - 1];
            double frac = cdf[i] > before ? (target - before) / (cdf[i] - before) : 0.5;
            double x = binning.binLow(i + firstBin) + frac * binning.binWidth();
            h.fill(Math.max(x1, Math.min(Math.nextDown(x2), x)));
        }
    }

    /** The density at x (as given, not normalised). */
    public double density(double x) {
        return density.applyAsDouble(x);
    }
}
