package org.fourmu.topology.query;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.MassPointFit;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.topology.aggregation.SegmentState;
import org.fourmu.topology.aggregation.SpectrumStore;

/**
 * The fit behind one point of the scan, for drawing it as the paper's Fig. 12: at the test mass nearest
 * the one asked for, the segment's cumulative histogram of that mass's MLP range (what the scan
 * reads) is fitted by {@link FitScan#scan} exactly as the stream's scan fits it, and the window's bins
 * are returned with the signal+background and background-only fits, both integrated over each bin
 * and sampled as curves.
 */
public final class FitAtMass {

    /** Display bins of about half a resolution: about 120 bins in a window of 60 resolutions. */
    static final double BINS_PER_RESOLUTION = 2;
    /** Curve samples per display bin. */
    static final int SAMPLES_PER_BIN = 4;
    /** Gauss-Legendre points per display bin: the fitted density is smooth on a bin (the Crystal Ball is C1). */
    private static final int GAUSS_POINTS = 8;

    private final FitScan scan;
    private final double[] masses;

    public FitAtMass(FitScan scan) {
        this.scan = scan;
        this.masses = scan.masses().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * The mass a query asks for ({@code mass}, GeV): required, finite and inside the scan range.
     *
     * @throws IllegalArgumentException naming the parameter
     */
    public double requestedMass(Map<String, String> params) {
        String v = params.get("mass");
        if (v == null) {
            throw new IllegalArgumentException("mass (GeV) is required, e.g. mass=5.3");
        }
        double mass = SpectrumRequest.number(params, "mass", Double.NaN);
        if (mass < scan.lowGeV() || mass > scan.highGeV()) {
            throw new IllegalArgumentException("mass must be within the scan range " + scan.lowGeV() + "-" + scan.highGeV()
                    + " GeV, got " + v);
        }
        return mass;
    }

    /** The test mass of the scan nearest {@code mass} (the J/psi veto has none). */
    public double nearestTestMass(double mass) {
        int i = Arrays.binarySearch(masses, mass);
        if (i >= 0) {
            return masses[i];
        }
        int above = -i - 1;
        if (above == 0) {
            return masses[0];
        }
        if (above == masses.length) {
            return masses[masses.length - 1];
        }
        return mass - masses[above - 1] <= masses[above] - mass ? masses[above - 1] : masses[above];
    }

    /**
     * The fit at {@code testMass} on a segment's cumulative bins as read from the spectra store (every MLP
     * range; the fit reads its mass's), with the segment's state.
     *
     * @param requestedMass what the query asked for
     */
    public Answers.Fit fit(double requestedMass, double testMass, int segment, List<SpectrumStore.Bins> cumulative,
                           SegmentState state) {
        MlpRange range = MlpRange.of(testMass);
        Histogram h = SpectrumStore.histogram(cumulative, range.number());
        // the stream's own call: SegmentScan.run -> FitScan.scan, one thread
        FitScan.Point p = scan.scan(List.of(testMass), r -> h, false).get(0);
        FitScan.Window w = scan.windowAt(testMass);
        MassPointFit fit = w.fit(h);

        int first = h.binOf(fit.windowLowGeV() + h.binWidth() / 2);
        int end = h.binOf(fit.windowHighGeV() - h.binWidth() / 2) + 1;
        int merged = Math.max(1, (int) Math.round(w.resolutionGeV() / BINS_PER_RESOLUTION / h.binWidth()));
        int bins = (end - first + merged - 1) / merged;
        double[] edges = new double[bins + 1];
        long[] counts = new long[bins];
        for (int b = 0; b < bins; b++) {
            int from = first + b * merged;
            int to = Math.min(end, from + merged);
            edges[b] = h.binLow(from);
            counts[b] = h.sum(from, to);
        }
        edges[bins] = h.binLow(end);

        DoubleUnaryOperator signalPlusBackground = fit.fittedDensity(true);
        DoubleUnaryOperator backgroundOnly = fit.fittedDensity(false);
        double binWidth = merged * h.binWidth();
        double[] curveX = new double[bins * SAMPLES_PER_BIN + 1];
        for (int i = 0; i < curveX.length; i++) {
            curveX[i] = edges[0] + (edges[bins] - edges[0]) * i / (curveX.length - 1);
        }
        return new Answers.Fit(requestedMass, testMass, p.reducedMassGeV(), p.resolutionGeV(), range.number(), range.lowGeV(),
                range.highGeV(), fit.windowLowGeV(), fit.windowHighGeV(), scan.yieldScale(),
                w.shape().probability(fit.windowLowGeV(), fit.windowHighGeV()), p.status().name(),
                Answers.finite(p.signalYield()), Answers.finite(p.signalError()), Answers.finite(p.backgroundYield()),
                Answers.finite(p.localSignificance()), Answers.finite(p.yieldUpperLimit()), p.entries(), segment,
                state.version(), state.entries(), null, null, null, null, binWidth, edges, counts,
                perBin(signalPlusBackground, edges), perBin(backgroundOnly, edges), curveX,
                sampled(signalPlusBackground, curveX, binWidth), sampled(backgroundOnly, curveX, binWidth));
    }

    /** Expected entries per bin: the density integrated over each bin (null when the fit failed or the window is empty). */
    static double[] perBin(DoubleUnaryOperator density, double[] edges) {
        if (density == null) {
            return null;
        }
        double[] out = new double[edges.length - 1];
        GaussIntegratorFactory factory = new GaussIntegratorFactory();
        for (int b = 0; b < out.length; b++) {
            GaussIntegrator gauss = factory.legendre(GAUSS_POINTS, edges[b], edges[b + 1]);
            out[b] = gauss.integrate(density::applyAsDouble);
        }
        return out;
    }

    /** The density at each x, as entries per display bin width (null when the fit failed or the window is empty). */
    static double[] sampled(DoubleUnaryOperator density, double[] x, double binWidth) {
        if (density == null) {
            return null;
        }
        return Arrays.stream(x).map(v -> density.applyAsDouble(v) * binWidth).toArray();
    }
}
