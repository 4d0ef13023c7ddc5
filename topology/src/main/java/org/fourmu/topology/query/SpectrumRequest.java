package org.fourmu.topology.query;

import java.util.Locale;
import java.util.Map;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.topology.aggregation.SpectrumStore;
import org.fourmu.topology.processors.MassSegments;

/**
 * A spectrum query: the view (cumulative, one run, or the recent window), the MLP range whose
 * histograms to read (0 = auto: each bin from the range of its own mass, as the fits read them), a
 * range of M(mumu) and a rebinning factor of the 0.1 MeV reduced-mass bins.
 */
public record SpectrumRequest(SpectrumStore.View view, int experiment, int run, int mlpRange, double massLowGeV,
                              double massHighGeV, int rebin) {

    /** The lowest possible M(mumu): two muon masses. */
    static final double THRESHOLD_GEV = 2 * PhysicalConstants.MUON_MASS_GEV;

    /**
     * Parse query parameters {@code view, experiment, run, mlpRange, massLow, massHigh, rebin}; masses are
     * clamped to what the segments hold (threshold to the search range's end plus the histogram reach).
     *
     * @throws IllegalArgumentException naming the bad parameter
     */
    public static SpectrumRequest parse(Map<String, String> q, MassSegments segments) {
        String viewName = q.getOrDefault("view", "cumulative").toUpperCase(Locale.ROOT);
        SpectrumStore.View view;
        try {
            view = SpectrumStore.View.valueOf(viewName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("view must be cumulative, run or window, got '" + q.get("view") + "'");
        }
        int experiment = 0;
        int run = 0;
        if (view == SpectrumStore.View.RUN) {
            if (!q.containsKey("experiment") || !q.containsKey("run")) {
                throw new IllegalArgumentException("view=run needs experiment and run");
            }
            experiment = integer(q, "experiment", 0);
            run = integer(q, "run", 0);
        }
        String range = q.getOrDefault("mlpRange", "auto");
        int mlpRange = 0;
        if (!range.equals("auto")) {
            mlpRange = integer(q, "mlpRange", 0);
            if (mlpRange < 1 || mlpRange > MlpRange.values().length) {
                throw new IllegalArgumentException("mlpRange must be auto or 1-" + MlpRange.values().length + ", got " + range);
            }
        }
        double coveredHigh = segments.highGeV() + segments.reachGeV();
        double low = Math.max(THRESHOLD_GEV, number(q, "massLow", THRESHOLD_GEV));
        double high = Math.min(coveredHigh, number(q, "massHigh", coveredHigh));
        if (!(high > low)) {
            throw new IllegalArgumentException("massHigh must exceed massLow within " + THRESHOLD_GEV + "-" + coveredHigh
                    + " GeV, got " + q.get("massLow") + "-" + q.get("massHigh"));
        }
        int rebin = integer(q, "rebin", 1);
        if (rebin < 1) {
            throw new IllegalArgumentException("rebin must be at least 1, got " + rebin);
        }
        return new SpectrumRequest(view, experiment, run, mlpRange, low, high, rebin);
    }

    private static int integer(Map<String, String> q, String name, int fallback) {
        String v = q.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }

    static double number(Map<String, String> q, String name, double fallback) {
        String v = q.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            double x = Double.parseDouble(v);
            if (!Double.isFinite(x)) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a finite number, got '" + v + "'");
        }
    }
}
