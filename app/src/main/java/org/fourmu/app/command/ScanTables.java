package org.fourmu.app.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.fourmu.physics.fit.CrystalBall;
import org.fourmu.physics.fit.DoubleCrystalBall;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.limits.CouplingLimit;
import org.fourmu.physics.limits.CrossSectionLimit;
import org.fourmu.physics.limits.MassRange;
import org.fourmu.physics.limits.ModelLimits;
import org.fourmu.physics.models.MuonAnomaly;
import org.fourmu.physics.spectrum.Histogram;

/** The scan's tables: one row per test mass as CSV and JSON (same columns), and the inputs of an independent fit. */
final class ScanTables {

    private static final String[] BAND = {"m2", "m1", "median", "p1", "p2"};

    private ScanTables() {
    }

    /** A named column: a number (NaN when unknown) or a text per row. */
    private record Column(String name, IntFunction<Object> value) {
    }

    private static List<Column> columns(ScanCommand.Result r) {
        List<FitScan.Point> p = r.points();
        List<Column> c = new ArrayList<>();
        c.add(new Column("mass_gev", i -> p.get(i).massGeV()));
        c.add(new Column("reduced_mass_gev", i -> p.get(i).reducedMassGeV()));
        c.add(new Column("resolution_gev", i -> p.get(i).resolutionGeV()));
        c.add(new Column("mlp_range", i -> p.get(i).range().number()));
        c.add(new Column("status", i -> p.get(i).status().name()));
        c.add(new Column("entries", i -> p.get(i).entries()));
        c.add(new Column("signal_yield", i -> p.get(i).signalYield()));
        c.add(new Column("signal_error", i -> p.get(i).signalError()));
        c.add(new Column("background_yield", i -> p.get(i).backgroundYield()));
        c.add(new Column("local_significance", i -> p.get(i).localSignificance()));
        c.add(new Column("yield_ul", i -> p.get(i).yieldUpperLimit()));
        for (int k = 0; k < 5; k++) {
            int kk = k;
            c.add(new Column("expected_yield_ul_" + BAND[k], i -> p.get(i).expectedYieldLimits()[kk]));
        }
        for (ModelLimits m : r.models().values()) {
            String s = "_" + m.model();
            List<ModelLimits.Row> rows = m.rows();
            c.add(new Column("efficiency" + s, i -> rows.get(i).efficiency()));
            c.add(new Column("xsec_ul" + s + "_fb", i -> xsec(rows.get(i), -1)));
            for (int k = 0; k < 5; k++) {
                int kk = k;
                c.add(new Column("expected_xsec_ul_" + BAND[k] + s + "_fb", i -> xsec(rows.get(i), kk)));
            }
            c.add(new Column("coupling_ul" + s, i -> coupling(rows.get(i), -1)));
            for (int k = 0; k < 5; k++) {
                int kk = k;
                c.add(new Column("expected_coupling_ul_" + BAND[k] + s, i -> coupling(rows.get(i), kk)));
            }
            c.add(new Column("g2_band_low" + s, i -> rows.get(i).anomalyBand().lower()));
            c.add(new Column("g2_band_central" + s, i -> rows.get(i).anomalyBand().central()));
            c.add(new Column("g2_band_high" + s, i -> rows.get(i).anomalyBand().upper()));
        }
        return c;
    }

    /** Observed (k = -1) or expected (k = 0..4 for -2..+2 sigma) cross-section limit, NaN if unknown. */
    static double xsec(ModelLimits.Row row, int k) {
        CrossSectionLimit x = row.crossSection();
        return x == null ? Double.NaN : k < 0 ? x.observedFb() : x.expectedFb()[k];
    }

    static double coupling(ModelLimits.Row row, int k) {
        CouplingLimit g = row.coupling();
        return g == null ? Double.NaN : k < 0 ? g.observed() : g.expected()[k];
    }

    private static String csvValue(Object v) {
        if (v instanceof Double d) {
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.7g", d) : "";
        }
        return String.valueOf(v);
    }

    private static String jsonValue(Object v) {
        if (v instanceof Double d) {
            return Double.isFinite(d) ? String.format(Locale.ROOT, "%.7g", d) : "null";
        }
        if (v instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(v);
    }

    static void writeCsv(ScanCommand.Result r, Path file) throws IOException {
        List<Column> cols = columns(r);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.println(String.join(",", cols.stream().map(Column::name).toList()));
            for (int i = 0; i < r.points().size(); i++) {
                int row = i;
                w.println(String.join(",", cols.stream().map(c -> csvValue(c.value().apply(row))).toList()));
            }
        }
    }

    static void writeJson(ScanCommand.Result r, Path file) throws IOException {
        List<Column> cols = columns(r);
        StringBuilder sb = new StringBuilder("{\n\"summary\": {");
        FitScan.Point max = r.largest();
        sb.append(String.format(Locale.ROOT, "\"fits\": %d, \"entries\": %d, \"scan_seconds\": %.3f, \"max_local_significance\": %s, "
                        + "\"max_local_significance_mass_gev\": %s, \"up_crossings\": %d, \"crossing_level\": %s, \"global_significance\": %s, "
                        + "\"lumi_inv_fb\": %s, \"delta_amu\": %s, \"delta_amu_error\": %s, \"band_sigmas\": %s",
                r.points().size(), r.histogram() == null ? -1 : r.histogram().entries(), r.seconds(), jsonValue(max.localSignificance()), jsonValue(max.massGeV()),
                r.upCrossings(), jsonValue(r.crossingLevel()), jsonValue(r.globalSignificance()),
                r.lumiInvFb() == null ? "null" : jsonValue(r.lumiInvFb()), jsonValue(r.anomaly().central()),
                jsonValue(r.anomaly().sigma()), jsonValue(r.bandSigmas())));
        if (r.limitsLeftOut() != null) {
            sb.append(", \"limits_left_out\": ").append(jsonValue(r.limitsLeftOut()));
        }
        sb.append(", \"models\": {");
        List<String> models = new ArrayList<>();
        for (ModelLimits m : r.models().values()) {
            Summary s = Summary.of(m);
            StringBuilder ranges = new StringBuilder("[");
            for (MassRange x : m.excludedAsAnomalyExplanation()) {
                ranges.append(ranges.length() > 1 ? ", " : "").append('[').append(jsonValue(x.lowGeV())).append(", ")
                        .append(jsonValue(x.highGeV())).append(']');
            }
            MassRange span = m.excludedSpan();
            models.add(String.format(Locale.ROOT, "\"%s\": {\"xsec_ul_min_fb\": %s, \"xsec_ul_max_fb\": %s, "
                            + "\"coupling_ul_min_below_6gev\": %s, \"coupling_ul_max_below_6gev\": %s, \"masses_without_efficiency\": %d, "
                            + "\"excluded_as_g2_explanation_span_gev\": %s, \"excluded_fraction_of_span\": %s, "
                            + "\"excluded_as_g2_explanation_gev\": %s]}", m.model(), jsonValue(s.xsecMin), jsonValue(s.xsecMax),
                    jsonValue(s.couplingMin), jsonValue(s.couplingMax), s.withoutEfficiency,
                    span == null ? "null" : "[" + jsonValue(span.lowGeV()) + ", " + jsonValue(span.highGeV()) + "]",
                    jsonValue(m.excludedFractionOfSpan()), ranges));
        }
        sb.append(String.join(", ", models)).append("}},\n\"points\": [\n");
        for (int i = 0; i < r.points().size(); i++) {
            int row = i;
            sb.append('{').append(String.join(", ", cols.stream().map(c -> "\"" + c.name() + "\": " + jsonValue(c.value().apply(row))).toList()))
                    .append(i + 1 < r.points().size() ? "},\n" : "}\n");
        }
        sb.append("]\n}\n");
        Files.writeString(file, sb.toString());
    }

    /** The ranges the paper quotes: observed sigma x B limits over the scan, coupling limits below 6 GeV. */
    record Summary(double xsecMin, double xsecMax, double couplingMin, double couplingMax, int withoutEfficiency) {

        /** The paper quotes coupling limits for masses below this (abstract). */
        static final double COUPLING_QUOTED_BELOW_GEV = 6.0;

        static Summary of(ModelLimits m) {
            double xMin = Double.NaN;
            double xMax = Double.NaN;
            double gMin = Double.NaN;
            double gMax = Double.NaN;
            int unknown = 0;
            for (ModelLimits.Row row : m.rows()) {
                double x = xsec(row, -1);
                if (Double.isNaN(x)) {
                    unknown++;
                    continue;
                }
                xMin = Double.isNaN(xMin) ? x : Math.min(xMin, x);
                xMax = Double.isNaN(xMax) ? x : Math.max(xMax, x);
                double g = coupling(row, -1);
                if (row.massGeV() < COUPLING_QUOTED_BELOW_GEV && !Double.isNaN(g)) {
                    gMin = Double.isNaN(gMin) ? g : Math.min(gMin, g);
                    gMax = Double.isNaN(gMax) ? g : Math.max(gMax, g);
                }
            }
            return new Summary(xMin, xMax, gMin, gMax, unknown);
        }
    }

    static String describe(ModelLimits m, MuonAnomaly.Band anomaly, double bandSigmas) {
        Summary s = Summary.of(m);
        MassRange span = m.excludedSpan();
        int pieces = m.excludedAsAnomalyExplanation().size();
        String excluded = span == null ? "nowhere"
                : String.format(Locale.ROOT, "%.3f-%.3f GeV", span.lowGeV(), span.highGeV())
                        + (pieces > 1 ? String.format(Locale.ROOT, " (%d ranges covering %.0f%% of it, listed in scan.json)", pieces,
                        100 * m.excludedFractionOfSpan()) : "");
        return String.format(Locale.ROOT, "%s: 90%% CL sigma x B < %.3g-%.3g fb; coupling < %.2g-%.2g below %.0f GeV; "
                        + "excluded as the (g-2)_mu explanation (Delta a_mu = %.3g +- %.2g, lower edge of the +-%.0f sigma band): %s%s",
                m.model(), s.xsecMin, s.xsecMax, s.couplingMin, s.couplingMax, Summary.COUPLING_QUOTED_BELOW_GEV,
                anomaly.central(), anomaly.sigma(), bandSigmas, excluded,
                s.withoutEfficiency > 0 ? "; " + s.withoutEfficiency + " masses outside the efficiency table" : "");
    }

    /**
     * For an independent fit of the same model (tools/iminuit_scan.py): the histogram's binning and
     * non-empty bins, and per test mass the window (the signal shape is normalised on it; the fit uses
     * the bins inside it), the background degree, the double Crystal Ball parameters, the yield scale,
     * the relative efficiency systematic and the confidence level.
     */
    static void writeFitInputs(ScanCommand.Result r, Path dir) throws IOException {
        Histogram h = r.histogram();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("histogram.csv")))) {
            w.printf(Locale.ROOT, "# low_gev=%.17g high_gev=%.17g bins=%d%n", h.low(), h.high(), h.bins());
            w.println("bin,count");
            for (int b = 0; b < h.bins(); b++) {
                if (h.count(b) != 0) {
                    w.println(b + "," + h.count(b));
                }
            }
        }
        FitScan scan = r.scan();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("fits.csv")))) {
            w.println("mass_gev,window_low_gev,window_high_gev,poly_degree,mean_gev,sigma1_gev,alpha1,n1,sigma2_gev,alpha2,n2,"
                    + "fraction,yield_scale,rel_systematic,cl");
            for (FitScan.Point p : r.points()) {
                FitScan.Window win = scan.windowAt(p.massGeV());
                DoubleCrystalBall s = win.shape();
                CrystalBall a = s.first();
                CrystalBall b = s.second();
                w.printf(Locale.ROOT, "%.17g,%.17g,%.17g,%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g%n",
                        p.massGeV(), win.lowGeV(), win.highGeV(), win.polyDegree(), s.mean(), a.sigma(), a.alpha(), a.n(),
                        b.sigma(), b.alpha(), b.n(), s.fraction(), scan.yieldScale(), scan.relSystematic().applyAsDouble(p.massGeV()),
                        scan.cl());
            }
        }
    }
}
