package org.fourmu.physics.fit;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.fourmu.physics.limits.BackgroundSpectrum;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.spectrum.Histogram;

/**
 * The scan's fit on simulated spectra: at one test mass, toys of a smooth background (only the fit
 * window's candidates are drawn) plus a Poisson number of signal candidates drawn from the
 * continuous double Crystal Ball by accept-reject, each fitted exactly as the scan fits that mass.
 * The fitted yield (before the 7% resolution correction, which is not a fit property) should be
 * unbiased and its pull (fitted - injected) / error of unit width.
 */
public final class PullStudy {

    /**
     * @param massGeV    test mass
     * @param injected   mean injected signal yield in the window
     * @param toys       toys thrown
     * @param fitted     toys with a converged fit and a finite error (the pulls)
     * @param meanYield  mean fitted yield over all converged toys
     * @param yieldRms   standard deviation of the fitted yield
     * @param meanError  mean curvature error of the yield
     * @param pulls      the pulls, ascending
     */
    public record Result(double massGeV, double injected, int toys, int fitted, double meanYield, double yieldRms,
                         double meanError, double[] pulls) {

        public double meanPull() {
            return Arrays.stream(pulls).average().orElse(Double.NaN);
        }

        public double pullWidth() {
            double m = meanPull();
            return Math.sqrt(Arrays.stream(pulls).map(p -> (p - m) * (p - m)).sum() / Math.max(1, pulls.length - 1));
        }

        public double medianPull() {
            return pulls.length == 0 ? Double.NaN : pulls[pulls.length / 2];
        }

        /** Standard error of the mean pull. */
        public double meanPullError() {
            return pullWidth() / Math.sqrt(pulls.length);
        }

        /** Standard error of the pull width (Gaussian approximation). */
        public double pullWidthError() {
            return pullWidth() / Math.sqrt(2.0 * Math.max(1, pulls.length - 1));
        }
    }

    private PullStudy() {
    }

    /** Run {@code toys} toys at {@code massGeV}; toy i uses the stream (seed, i): the same numbers on any thread. */
    public static Result run(FitScan scan, BackgroundSpectrum background, double massGeV, double injected, int toys, long seed) {
        double[] edges = scan.windowEdges(massGeV);
        DoubleCrystalBall shape = scan.shapeAt(massGeV, edges);
        int degree = FitScan.backgroundDegree(massGeV);
        MassPointFit.Result[] results = new MassPointFit.Result[toys];
        IntStream.range(0, toys).parallel().forEach(i -> {
            UniformRandomProvider rng = RandomStreams.forKeys(seed, i);
            Histogram h = Histogram.reducedMass();
            background.fill(h, rng, edges[0], edges[1]);
            addSignal(h, rng, shape, injected, edges[0], edges[1]);
            results[i] = new MassPointFit(h, shape, edges[0], edges[1], degree).fit();
        });
        double[] yields = Arrays.stream(results).filter(r -> r.status() != MassPointFit.Status.FAILED)
                .mapToDouble(MassPointFit.Result::signalYield).toArray();
        double[] pulls = Arrays.stream(results)
                .filter(r -> r.status() == MassPointFit.Status.CONVERGED && r.signalError() > 0 && Double.isFinite(r.signalError()))
                .mapToDouble(r -> (r.signalYield() - injected) / r.signalError()).sorted().toArray();
        double meanError = Arrays.stream(results)
                .filter(r -> r.status() == MassPointFit.Status.CONVERGED && Double.isFinite(r.signalError()))
                .mapToDouble(MassPointFit.Result::signalError).average().orElse(Double.NaN);
        double mean = Arrays.stream(yields).average().orElse(Double.NaN);
        double rms = Math.sqrt(Arrays.stream(yields).map(y -> (y - mean) * (y - mean)).average().orElse(Double.NaN));
        return new Result(massGeV, injected, toys, pulls.length, mean, rms, meanError, pulls);
    }

    /** A Poisson(mean) number of candidates from the shape, by accept-reject on [low, high]. */
    static void addSignal(Histogram h, UniformRandomProvider rng, DoubleCrystalBall shape, double mean, double low, double high) {
        if (!(mean > 0)) {
            return;
        }
        long n = PoissonSampler.of(rng, mean).sample();
        double peak = 1.01 * shape.density(shape.mean());
        for (long added = 0; added < n; ) {
            double x = low + (high - low) * rng.nextDouble();
            if (rng.nextDouble() * peak < shape.density(x)) {
                h.fill(x);
                added++;
            }
        }
    }
}
