package org.fourmu.physics.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.GaussianSampler;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.spectrum.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JpsiPeakFitTest {

    /** A toy: Poisson(signal) Gaussian entries at (mass, width) on Poisson(background) entries with density 1 + a t. */
    private static Histogram toy(long seed, int toy, double mass, double width, double signal, double background, double slope) {
        UniformRandomProvider rng = RandomStreams.forKeys(seed, toy);
        Histogram h = JpsiPeakFit.histogram();
        int ns = PoissonSampler.of(rng, signal).sample();
        var gauss = GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), mass, width);
        for (int i = 0; i < ns; i++) {
            h.fill(gauss.sample());
        }
        int nb = background > 0 ? PoissonSampler.of(rng, background).sample() : 0;
        for (int i = 0; i < nb; i++) {
            // accept-reject on 1 + a t, t uniform in [-1, 1]
            double t;
            do {
                t = 2 * rng.nextDouble() - 1;
            } while (rng.nextDouble() * (1 + Math.abs(slope)) > 1 + slope * t);
            h.fill(JpsiPeakFit.LOW_GEV + (t + 1) / 2 * (JpsiPeakFit.HIGH_GEV - JpsiPeakFit.LOW_GEV));
        }
        return h;
    }

    /**
     * 300 toys with a known peak: mass, width and yield unbiased, pulls of unit width, and the curvature errors
     * equal to the spread of the fitted values. With 300 toys a mean pull is known to 0.06 and a width to 0.04.
     */
    @ParameterizedTest(name = "M = {0} GeV, width {1} GeV, {2} J/psi on {3} background")
    @CsvSource({"3.0969, 0.012, 400, 2000, -0.3", "3.1050, 0.020, 150, 300, 0.5", "3.0969, 0.006, 60, 100, 0"})
    void fittedPeakIsUnbiasedWithUnitPulls(double mass, double width, double signal, double background, double slope) {
        int toys = 300;
        double[][] pulls = new double[3][toys];
        double[][] values = new double[3][toys];
        double[][] errors = new double[3][toys];
        int fitted = 0;
        for (int i = 0; i < toys; i++) {
            JpsiPeakFit.Result r = JpsiPeakFit.fit(toy(8, i, mass, width, signal, background, slope));
            if (!r.converged()) {
                continue;
            }
            double[] v = {r.massGeV(), r.widthGeV(), r.yield()};
            double[] e = {r.massErrorGeV(), r.widthErrorGeV(), r.yieldError()};
            double[] truth = {mass, width, signal};
            for (int k = 0; k < 3; k++) {
                values[k][fitted] = v[k];
                errors[k][fitted] = e[k];
                pulls[k][fitted] = (v[k] - truth[k]) / e[k];
            }
            fitted++;
        }
        assertTrue(fitted >= 295, "converged fits: " + fitted);
        String[] names = {"mass", "width", "yield"};
        for (int k = 0; k < 3; k++) {
            double meanPull = mean(pulls[k], fitted);
            double pullWidth = rms(pulls[k], fitted, meanPull);
            // small samples bias the width and yield by a fraction of their error (ML is only asymptotically unbiased)
            assertEquals(0, meanPull, 0.2, names[k] + " mean pull");
            assertEquals(1, pullWidth, 0.15, names[k] + " pull width");
            double spread = rms(values[k], fitted, mean(values[k], fitted));
            assertEquals(spread, mean(errors[k], fitted), 0.15 * spread, names[k] + ": the curvature error is the spread");
        }
    }

    /**
     * A second method: a Gaussian sample alone, no background. The maximum-likelihood mass and width of a
     * Gaussian are the sample mean and the sample standard deviation; 2 MeV bins of a 12 MeV peak change them
     * by far less than their statistical errors.
     */
    @Test
    void peakWithoutBackgroundGivesTheSampleMeanAndStandardDeviation() {
        UniformRandomProvider rng = RandomStreams.forKeys(3, 1);
        var gauss = GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), PhysicalConstants.JPSI_MASS_GEV, 0.012);
        Histogram h = JpsiPeakFit.histogram();
        int n = 20000;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double x = gauss.sample();
            h.fill(x);
            sum += x;
            sum2 += x * x;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sum2 / n - mean * mean);
        // a flat background of 1% keeps the background yield off its boundary; the fit's share of it moves its
        // estimates from the sample's by a fraction of their statistical error
        UniformRandomProvider flat = RandomStreams.forKeys(3, 2);
        for (int i = 0; i < 200; i++) {
            h.fill(JpsiPeakFit.LOW_GEV + flat.nextDouble() * (JpsiPeakFit.HIGH_GEV - JpsiPeakFit.LOW_GEV));
        }
        JpsiPeakFit.Result r = JpsiPeakFit.fit(h);
        assertTrue(r.converged(), r.toString());
        assertEquals(mean, r.massGeV(), 0.3 * sd / Math.sqrt(n), "mass = sample mean");
        assertEquals(sd, r.widthGeV(), 0.6 * sd / Math.sqrt(2.0 * n), "width = sample standard deviation");
        assertEquals(n, r.yield(), 3 * Math.sqrt(n) * 0.1 + 3, "yield");
        // Gaussian errors: sigma / sqrt(N) on the mass, sigma / sqrt(2N) on the width
        assertEquals(sd / Math.sqrt(n), r.massErrorGeV(), 0.03 * sd / Math.sqrt(n), "mass error");
        assertEquals(sd / Math.sqrt(2.0 * n), r.widthErrorGeV(), 0.05 * sd / Math.sqrt(2.0 * n), "width error");
    }

    @Test
    void tooFewEntriesAreNotFitted() {
        Histogram h = JpsiPeakFit.histogram();
        h.fill(3.1, JpsiPeakFit.MIN_ENTRIES - 1);
        assertEquals(JpsiPeakFit.Status.TOO_FEW_ENTRIES, JpsiPeakFit.fit(h).status());
        assertTrue(Double.isNaN(JpsiPeakFit.fit(h).massGeV()));
    }

    private static double mean(double[] x, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i];
        }
        return s / n;
    }

    private static double rms(double[] x, int n, double mean) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (x[i] - mean) * (x[i] - mean);
        }
        return Math.sqrt(s / (n - 1));
    }
}
