package org.fourmu.physics.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.limits.AsymptoticCls;
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
                      java.util.function.DoubleUnaryOperator relSystematic, double cl) {

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

    /** The result at one test mass. */
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

    /**
     * The scan's fit window at test mass {@code massGeV} on {@code h}, bin by bin, for toy
     * experiments: histogram bins are merged up to a tenth of the resolution, where binning loses
     * (w/sigma)^2/12 < 0.1% of the information on the yield, and a fit costs far fewer bins.
     */
    public MassPointFit.Window window(double massGeV, Histogram h) {
        Window w = windowAt(massGeV);
        int merged = Math.max(1, (int) Math.floor(w.resolutionGeV() / 10 / h.binWidth() + 1e-9));
        return MassPointFit.window(h, w.shape(), w.lowGeV(), w.highGeV(), w.polyDegree(), merged);
    }

    Point fitAt(double mass, IntFunction<Histogram> histogramOfRange, AsymptoticCls limits) {
        Window w = windowAt(mass);
        double reduced = w.reducedMassGeV();
        double resolution = w.resolutionGeV();
        MlpRange range = MlpRange.of(mass);
        Histogram h = histogramOfRange.apply(range.number());
        MassPointFit.Result r = w.fit(h).fit();
        double syst = relSystematic.applyAsDouble(mass);
        double s = r.signalYield() * yieldScale;
        double sigma = r.signalError() * yieldScale;
        double upper;
        double[] expected;
        if (r.status() == MassPointFit.Status.CONVERGED && sigma > 0) {
            upper = limits.upperLimit(s, sigma, syst);
            expected = limits.expectedBand(sigma, syst);
        } else {
            // no entries in the window: the counting limit with no events and no background
            upper = org.fourmu.physics.limits.CountingLimit.upperLimit(0, 0, cl) * yieldScale;
            expected = new double[] {upper, upper, upper, upper, upper};
        }
        return new Point(mass, reduced, resolution, range, r.status(), s, sigma, r.backgroundYield(), r.localSignificance(),
                upper, expected, r.entries());
    }
}
