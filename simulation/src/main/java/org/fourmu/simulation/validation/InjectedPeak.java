package org.fourmu.simulation.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.fourmu.physics.calibration.CalibrationBundle;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.fit.DoubleCrystalBall;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.mlp.MlpSelection;
import org.fourmu.physics.models.DimuonResonance;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.simulation.calibration.SignalChain;
import org.fourmu.simulation.datataking.DataTakingSource;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.mix.MixProcesses;

/**
 * The reduced-mass peak of a signal injected the way the demo's data taking injects it (the process
 * generator at the injected coupling, nominal beams, the fast detector, the live selection with the
 * recorded trigger bits and the bundle's MLP cut) against the calibration bundle's signal shape at that
 * mass, on the scan's fit window (60 resolutions around the true reduced mass).
 *
 * <p>Two candidate sets: the X candidate (the selected candidate nearest the true reduced mass, as the
 * calibration fits it) and every candidate that passes the MLP cut (what the stream's histograms hold:
 * the wrong pairings too, which spread over GeV and the fit's background absorbs).
 */
public final class InjectedPeak {

    /** Experiment and run stamped on the events, and the detector seed's salt (any fixed values do). */
    static final int EXPERIMENT = 1;
    static final int RUN = 1;
    /** Equiprobable bins of the shape for the chi2 test. */
    public static final int CHI2_BINS = 20;
    /** Half-widths (GeV) of the two count windows of the web-view observation: +-3 and +-8 bins of 5.3 MeV. */
    public static final double[] OBSERVED_WINDOWS_GEV = {3.5 * 0.0053, 8.5 * 0.0053};

    private InjectedPeak() {
    }

    /**
     * The comparison at one mass.
     *
     * @param model              "zprime" or "scalar"
     * @param massGeV            injected mass
     * @param coupling           injected coupling
     * @param naturalWidthGeV    the model's total width at that coupling
     * @param generated          events generated
     * @param trueReducedGeV     the generated reduced mass
     * @param low                fit window low edge
     * @param high               fit window high edge
     * @param xCandidates        reduced masses of the X candidates in the window that pass the MLP cut
     * @param allCandidates      reduced masses of every candidate in the window that passes the MLP cut
     * @param shape              the bundle's shape at this mass on the window
     * @param resolutionGeV      the bundle's resolution (scan step) at this mass
     */
    public record Result(String model, double massGeV, double coupling, double naturalWidthGeV, int generated,
                         double trueReducedGeV, double low, double high, double[] xCandidates, double[] allCandidates,
                         DoubleCrystalBall shape, double resolutionGeV) {

        /** Mean of the X candidates within +-5 resolutions of the true reduced mass, minus the true reduced mass. */
        public double observedMeanShiftGeV() {
            return Arrays.stream(xCandidates).filter(x -> Math.abs(x - trueReducedGeV) < 5 * resolutionGeV)
                    .map(x -> x - trueReducedGeV).average().orElse(Double.NaN);
        }

        /** The same mean for the shape (its peak offset plus the tails' pull), computed on the same +-5 resolutions. */
        public double shapeMeanShiftGeV() {
            double a = trueReducedGeV - 5 * resolutionGeV;
            double b = trueReducedGeV + 5 * resolutionGeV;
            int n = 2000;
            double h = (b - a) / n;
            double sum = 0;
            double sumX = 0;
            for (int i = 0; i < n; i++) {
                double x = a + (i + 0.5) * h;
                double d = shape.density(x);
                sum += d;
                sumX += d * (x - trueReducedGeV);
            }
            return sumX / sum;
        }

        /** Half the shortest interval holding 68.27% of the X candidates in the window (the calibration's resolution definition). */
        public double observedHalfWidthGeV() {
            return shortestHalfInterval(xCandidates, DoubleCrystalBall.ONE_SIGMA_CONTENT);
        }

        /** The shape's effective sigma on the window. */
        public double shapeHalfWidthGeV() {
            return shape.effectiveSigma();
        }

        /** Kolmogorov-Smirnov p-value of the X candidates against the shape. */
        public double ksPValue() {
            return new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ShapeDistribution(shape), xCandidates);
        }

        /** Pearson chi2 of the X candidates in {@link #CHI2_BINS} bins of equal shape probability. */
        public double chi2() {
            long[] counts = new long[CHI2_BINS];
            for (double x : xCandidates) {
                double p = shape.probability(low, x);
                counts[Math.min(CHI2_BINS - 1, (int) (p * CHI2_BINS))]++;
            }
            double expected = (double) xCandidates.length / CHI2_BINS;
            double chi2 = 0;
            for (long c : counts) {
                chi2 += (c - expected) * (c - expected) / expected;
            }
            return chi2;
        }

        /** Upper tail probability of {@link #chi2()} with CHI2_BINS - 1 degrees of freedom. */
        public double chi2PValue() {
            return 1 - new ChiSquaredDistribution(CHI2_BINS - 1).cumulativeProbability(chi2());
        }

        /** Fraction of the X candidates within +-{@code halfWidthGeV} of the shape's peak. */
        public double observedFraction(double halfWidthGeV) {
            double m = shape.mean();
            return (double) Arrays.stream(xCandidates).filter(x -> Math.abs(x - m) <= halfWidthGeV).count() / xCandidates.length;
        }

        /** The shape's probability within +-{@code halfWidthGeV} of its peak. */
        public double shapeFraction(double halfWidthGeV) {
            double m = shape.mean();
            return shape.probability(Math.max(low, m - halfWidthGeV), Math.min(high, m + halfWidthGeV));
        }

        /**
         * The shape convolved with a Breit-Wigner of the natural width: the probability within
         * +-{@code halfWidthGeV} of the peak, renormalised to the window (a narrow resonance gives
         * {@link #shapeFraction}).
         */
        public double broadenedFraction(double halfWidthGeV) {
            double m = shape.mean();
            double gammaHalf = naturalWidthGeV / 2;
            if (gammaHalf <= 0) {
                return shapeFraction(halfWidthGeV);
            }
            // integrate over the Breit-Wigner's cumulative variable u = atan(y / (Gamma/2)) on the window's span
            double span = high - low;
            double uMax = Math.atan(span / gammaHalf);
            int n = 4000;
            double du = 2 * uMax / n;
            double inner = 0;
            double total = 0;
            for (int i = 0; i < n; i++) {
                double y = gammaHalf * Math.tan(-uMax + (i + 0.5) * du);
                double lo = Math.max(low, m - halfWidthGeV - y);
                double hi = Math.min(high, m + halfWidthGeV - y);
                // a candidate of true mass shifted by y lies inside the window when x - y is in the shifted window
                double inWindow = shape.probability(Math.max(low, low - y), Math.min(high, high - y));
                inner += hi > lo ? shape.probability(lo, hi) : 0;
                total += inWindow;
            }
            return inner / total;
        }
    }

    /** Half the shortest interval holding {@code content} of the sorted-able values. */
    static double shortestHalfInterval(double[] values, double content) {
        double[] x = values.clone();
        Arrays.sort(x);
        int k = (int) Math.ceil(content * x.length);
        if (k < 2 || k > x.length) {
            return Double.NaN;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i + k - 1 < x.length; i++) {
            best = Math.min(best, x[i + k - 1] - x[i]);
        }
        return best / 2;
    }

    /** Inject {@code events} signal events as the demo does and compare their peak with the bundle's shape. */
    public static Result measure(CalibrationBundle bundle, String model, double massGeV, double coupling, int events, long seed) {
        EventGenerator generator = MixProcesses.generator(model, massGeV, coupling, seed);
        FastDetector detector = FastDetector.nominal();
        BeamConditions beams = BeamConditions.NOMINAL;
        // the live selection the bundle defines, as the calibration's chain applies it
        EventSelection selection = new SignalChain(detector, bundle.pid(), bundle.trigger(), beams).selection();
        MlpSelection mlp = bundle.hasMlpSelection() ? MlpSelection.fromBytes(bundle.mlp().bytes()) : null;
        long detectorSeed = DataTakingSource.detectorSeed(seed);
        double trueReduced = CandidateBuilder.reducedMass(massGeV);
        FitScan scan = FitScan.paper(bundle.shape(model));
        double resolution = bundle.shape(model).resolutionGeV(massGeV);
        double half = scan.windowInResolutions() / 2 * resolution;
        double low = Math.max(0, trueReduced - half);
        double high = trueReduced + half;
        // per event: the X candidate (nearest the true reduced mass among the selected, as the calibration
        // chooses it, kept if it passes the MLP cut), then every candidate that passes the cut
        List<List<Candidate>> passed = IntStream.range(0, events).parallel().mapToObj(i -> {
            RecordedEvent e = detector.simulate(generator.generate(i), EXPERIMENT, RUN, i, 0L, beams, detectorSeed);
            EventSelection.Outcome o = selection.apply(e, beams);
            Candidate nearest = SignalChain.xCandidate(o.candidates(), trueReduced);
            List<Candidate> out = new ArrayList<>();
            out.add(nearest != null && (mlp == null || mlp.passes(nearest)) ? nearest : null);
            for (Candidate c : o.candidates()) {
                if (mlp == null || mlp.passes(c)) {
                    out.add(c);
                }
            }
            return out;
        }).toList();
        List<Double> xs = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (List<Candidate> cs : passed) {
            Candidate x = cs.get(0);
            if (x != null && x.reducedMassGeV() >= low && x.reducedMassGeV() <= high) {
                xs.add(x.reducedMassGeV());
            }
            for (Candidate c : cs.subList(1, cs.size())) {
                if (c.reducedMassGeV() >= low && c.reducedMassGeV() <= high) {
                    all.add(c.reducedMassGeV());
                }
            }
        }
        DoubleCrystalBall shape = bundle.shape(model).shape(massGeV, trueReduced, low, high);
        double width = DimuonResonance.of(model, massGeV, coupling).totalWidthGeV();
        return new Result(model, massGeV, coupling, width, events, trueReduced, low, high,
                xs.stream().mapToDouble(Double::doubleValue).toArray(), all.stream().mapToDouble(Double::doubleValue).toArray(),
                shape, resolution);
    }

    /** The shape as a distribution for the Kolmogorov-Smirnov test. */
    private static final class ShapeDistribution extends org.apache.commons.math3.distribution.AbstractRealDistribution {
        private static final long serialVersionUID = 1L;
        private final transient DoubleCrystalBall shape;

        ShapeDistribution(DoubleCrystalBall shape) {
            super(null);
            this.shape = shape;
        }

        @Override
        public double density(double x) {
            return x < shape.low() || x > shape.high() ? 0 : shape.density(x);
        }

        @Override
        public double cumulativeProbability(double x) {
            return x <= shape.low() ? 0 : x >= shape.high() ? 1 : shape.probability(shape.low(), x);
        }

        @Override
        public double getNumericalMean() {
            return shape.mean();
        }

        @Override
        public double getNumericalVariance() {
            return Double.NaN;
        }

        @Override
        public double getSupportLowerBound() {
            return shape.low();
        }

        @Override
        public double getSupportUpperBound() {
            return shape.high();
        }

        @Override
        public boolean isSupportLowerBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportUpperBoundInclusive() {
            return true;
        }

        @Override
        public boolean isSupportConnected() {
            return true;
        }
    }
}
