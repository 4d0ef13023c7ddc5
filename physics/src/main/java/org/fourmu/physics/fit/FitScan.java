package org.fourmu.physics.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.limits.AsymptoticCls;
import org.fourmu.physics.limits.CountingLimit;
import org.fourmu.physics.limits.YieldLimit;
import org.fourmu.physics.spectrum.Histogram;

/**
 * The scan of paper Sec. V: test masses from 0.212 to 9.000 GeV in steps of the resolution, a
 * fit in a window of 60 resolutions around each (reduced mass), the J/psi region 3.07-3.12 GeV
 * vetoed, fitted yields scaled up by 7% for the resolution bias, and 90% CL CLs limits on the
 * yield. The fit at a mass uses the histogram of that mass's MLP range. Mass points are
 * independent, so they run in parallel with identical results for any number of threads.
 *
 * @param shapes       signal shape and resolution versus mass
 * @param lowGeV       first test mass
 * @param highGeV      last test mass
 * @param windowInResolutions fit window width in resolutions (60)
 * @param vetoLowGeV   J/psi veto (3.07-3.12 GeV)
 * @param vetoHighGeV
 * @param yieldScale   correction of the fitted yields (1.07)
 * @param relSystematic relative systematic uncertainty on the efficiency, as a function of mass
 * @param cl           confidence level of the limits (0.9)
 */
public record FitScan(SignalShapeModel shapes, double lowGeV, double highGeV, double windowInResolutions,
                      double vetoLowGeV, double vetoHighGeV, double yieldScale,
                      DoubleUnaryOperator relSystematic, double cl) {

    /** Below this mass the background is quadratic, above linear (paper Sec. V). */
    public static final double QUADRATIC_BELOW_GEV = 1.0;

    /**
     * The paper's scan with a flat 11% efficiency systematic (Table I totals 9.5-12.9%; the
     * calibration bundle supplies the mass dependence).
     */
    public static FitScan paper(SignalShapeModel shapes) {
        return new FitScan(shapes, 0.212, 9.0, 60, 3.07, 3.12, 1.07, m -> 0.11, 0.9);
    }

    /** The test masses: each step is the resolution at the current mass; none inside the veto. */
    public List<Double> masses() {
        List<Double> out = new ArrayList<>();
        double m = lowGeV;
        while (m <= highGeV) {
            if (m < vetoLowGeV || m > vetoHighGeV) {
                out.add(m);
            }
            double reduced = CandidateBuilder.reducedMass(m) + shapes.resolutionGeV(m);
            m = CandidateBuilder.massFromReduced(reduced);
        }
        return out;
    }

    /**
     * The result at one test mass. Yields, errors and limits are scaled by {@code yieldScale}; the
     * signal error is the yield's standard deviation for a true yield max(s_hat, 0) (see
     * {@link #fitAt}), NaN where the fit did not converge.
     */
    public record Point(double massGeV, double reducedMassGeV, double resolutionGeV, MlpRange range,
                        MassPointFit.Status status, double signalYield, double signalError, double backgroundYield,
                        double localSignificance, double yieldUpperLimit, double[] expectedYieldLimits, long entries) {
    }

    /** Scan the given test masses, each with the histogram of its MLP range. */
    public List<Point> scan(List<Double> masses, IntFunction<Histogram> histogramOfRange, boolean parallel) {
        AsymptoticCls limits = new AsymptoticCls(cl);
        IntStream indices = IntStream.range(0, masses.size());
        if (parallel) {
            indices = indices.parallel();
        }
        Point[] out = new Point[masses.size()];
        indices.forEach(i -> out[i] = fitAt(masses.get(i), histogramOfRange, limits));
        return List.of(out);
    }

    public List<Point> scan(IntFunction<Histogram> histogramOfRange) {
        return scan(masses(), histogramOfRange, true);
    }

    /**
     * The fit set-up at one test mass: the window in reduced mass (the signal shape is normalised on
     * it; the fit snaps it to bin edges), the background degree and the signal shape.
     */
    public record Window(double massGeV, double reducedMassGeV, double resolutionGeV, double lowGeV, double highGeV,
                         int polyDegree, DoubleCrystalBall shape) {

        /** The fit of this window on a histogram. */
        public MassPointFit fit(Histogram h) {
            return new MassPointFit(h, shape, lowGeV, highGeV, polyDegree);
        }

        /**
         * This window's bins on {@code h}, for toy experiments and the Asimov data set: histogram bins
         * are merged up to a tenth of the resolution, where binning loses (w/sigma)^2/12 < 0.1% of the
         * information on the yield, and a fit costs far fewer bins.
         */
        public MassPointFit.Window bins(Histogram h) {
            int merged = Math.max(1, (int) Math.floor(resolutionGeV / 10 / h.binWidth() + 1e-9));
            return MassPointFit.window(h, shape, lowGeV, highGeV, polyDegree, merged);
        }
    }

    public Window windowAt(double mass) {
        double reduced = CandidateBuilder.reducedMass(mass);
        double resolution = shapes.resolutionGeV(mass);
        double low = Math.max(0, reduced - windowInResolutions / 2 * resolution);
        double high = reduced + windowInResolutions / 2 * resolution;
        return new Window(mass, reduced, resolution, low, high, backgroundDegree(mass),
                shapes.shape(mass, reduced, low, high));
    }

    /** The fit window at a test mass, in reduced mass (GeV): 60 resolutions around it, not below 0. */
    double[] windowEdges(double mass) {
        Window w = windowAt(mass);
        return new double[] {w.lowGeV(), w.highGeV()};
    }

    static int backgroundDegree(double mass) {
        return mass < QUADRATIC_BELOW_GEV ? 2 : 1;
    }

    DoubleCrystalBall shapeAt(double mass, double[] edges) {
        return shapes.shape(mass, CandidateBuilder.reducedMass(mass), edges[0], edges[1]);
    }

    /** The scan's fit window at test mass {@code massGeV} on {@code h}, bin by bin (see {@link Window#bins}). */
    public MassPointFit.Window window(double massGeV, Histogram h) {
        return windowAt(massGeV).bins(h);
    }

    /**
     * The lowest CLs limit on the (scaled) yield: CLs(mu) is never below the probability exp(-mu) that
     * a signal of mu fitted events leaves none in the window (the signal+background experiments
     * without a signal event are background-only ones), so no CLs limit lies below -ln(1 - CL) = 2.30
     * events, the counting limit for no event on no background, which is also the limit of an empty
     * window. The asymptotic formulae are Gaussian and go below it where the background under the
     * peak vanishes (threshold).
     */
    public double noEventLimit() {
        return CountingLimit.upperLimit(0, 0, cl) * yieldScale;
    }

    /**
     * The fit at one mass: yield and local significance from the fit to the histogram's bins; the
     * yield's standard deviation under background only from the Fisher information of the
     * background-only fit's Asimov data set (Cowan et al., EPJC 71 (2011) 1554, eq. 30 at mu -> 0),
     * on the window's bins merged to a tenth of the resolution; limits from {@link #limits}. The
     * curvature of the observed likelihood, used before, only sees bins with entries: with no
     * candidate under the peak (the first masses above threshold, where the four-muon background
     * vanishes) it had nothing to measure and gave errors and limits of tens of events.
     */
    Point fitAt(double mass, IntFunction<Histogram> histogramOfRange, AsymptoticCls limits) {
        Window w = windowAt(mass);
        MlpRange range = MlpRange.of(mass);
        Histogram h = histogramOfRange.apply(range.number());
        MassPointFit.Result r = w.fit(h).fit();
        double s = r.signalYield() * yieldScale;
        double sigmaBackground = r.status() == MassPointFit.Status.CONVERGED ? w.bins(h).asimovSignalError() * yieldScale : Double.NaN;
        double sigma = Double.NaN;
        double floor = noEventLimit();
        YieldLimit limit = new YieldLimit(mass, floor, new double[] {floor, floor, floor, floor, floor});
        if (sigmaBackground > 0) {
            sigma = yieldDeviation(sigmaBackground).applyAsDouble(s);
            limit = limits(mass, s, sigmaBackground, limits);
        }
        // otherwise no entries in the window (or a failed fit): the counting limit with no events and no background
        return new Point(mass, w.reducedMassGeV(), w.resolutionGeV(), range, r.status(), s, sigma, r.backgroundYield(),
                r.localSignificance(), limit.observed(), limit.expected(), r.entries());
    }

    /**
     * The standard deviation of the (scaled) fitted yield when the true yield is mu: sigma(mu)^2 =
     * sigma_b^2 + mu in fitted yields, the background's part (sigma_b, scaled, is given) plus the
     * signal's own Poisson variance. A counting experiment has exactly b + mu; a shape fit's
     * variance grows at least as fast: with the background known it is 1 / sum s_i^2 / (b_i + mu s_i)
     * over bins with signal shares s_i (sum 1), whose slope in mu is E[y^2] / E[y]^2 >= 1 for
     * y = 1 / (b_i / s_i + mu) averaged with weights s_i (Jensen's inequality).
     */
    DoubleUnaryOperator yieldDeviation(double sigmaBackground) {
        // scaled yields mu = yieldScale * fitted: variance yieldScale^2 (sigma_b^2 + mu / yieldScale)
        return mu -> Math.sqrt(sigmaBackground * sigmaBackground + yieldScale * Math.max(mu, 0));
    }

    /**
     * The observed and expected limits on the (scaled) yield at {@code mass} for a fitted yield
     * {@code s} whose standard deviation under background only is {@code sigmaBackground}, in the
     * Wald approximation of Cowan et al. with each hypothesis's own standard deviation,
     * {@link #yieldDeviation}: sigma(mu) for p_mu, sigma_b for p_b ({@link AsymptoticCls}). The
     * expected limits are the observed ones at the background-only quantiles s = N sigma_b, so they
     * depend on the background alone, as the paper's from background-only samples do. Against the
     * exact Poisson CLs limits of a counting experiment (sigma_b^2 = b) within 7% for n >= b except
     * 1-3 events on b <= 1 (3.34 events for one candidate on no background, Poisson 3.89), and never
     * below them for deficits (FitScanTest). Never below {@link #noEventLimit()}.
     */
    YieldLimit limits(double mass, double s, double sigmaBackground, AsymptoticCls asymptotic) {
        double syst = relSystematic.applyAsDouble(mass);
        DoubleUnaryOperator sigmaAt = yieldDeviation(sigmaBackground);
        double floor = noEventLimit();
        double[] expected = asymptotic.expectedBand(sigmaAt, syst);
        for (int k = 0; k < expected.length; k++) {
            expected[k] = Math.max(floor, expected[k]);
        }
        return new YieldLimit(mass, Math.max(floor, asymptotic.upperLimit(s, sigmaAt, syst)), expected);
    }
}
