package org.fourmu.app.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.MassPointFit;
import org.fourmu.physics.limits.ModelLimits;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.simulation.plot.Figure;

/**
 * The scan's figures, drawn like the paper's: the fit at the mass of the largest local significance
 * (Fig. 12), the local significance versus mass, the yield limits, and per model the limits on
 * sigma x B (Fig. 13) and on the coupling with the (g-2)_mu band (Fig. 14); expected limits as a
 * dashed median with green (1 sigma) and yellow (2 sigma) bands, log y axes for limits.
 */
final class ScanFigures {

    /** Neighbouring test masses further apart than this many resolutions (the J/psi veto) leave a gap in curves. */
    private static final double GAP_IN_RESOLUTIONS = 3;

    private ScanFigures() {
    }

    /** Writes every figure as SVG and PNG; returns the SVG file names. */
    static List<String> write(ScanCommand.Result r, Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (r.histogram() != null) {
            // a published limit curve carries no spectrum: no Fig. 12 from it
            save(fitAtLargestExcess(r), dir, "fit-largest-excess", names);
        }
        save(localSignificance(r), dir, "local-significance", names);
        save(yieldLimits(r), dir, "yield-limits", names);
        for (ModelLimits m : r.models().values()) {
            save(crossSectionLimits(r, m), dir, "xsec-limits-" + m.model(), names);
            save(couplingLimits(r, m), dir, "coupling-limits-" + m.model(), names);
        }
        return names;
    }

    private static void save(Figure f, Path dir, String name, List<String> names) throws IOException {
        f.writeSvg(dir.resolve(name + ".svg"));
        try {
            f.writePng(dir.resolve(name + ".png"));
        } catch (IOException | RuntimeException | LinkageError e) {
            // a machine without fonts cannot rasterise text; the SVG is the figure of record
            System.err.println("PNG of " + name + " not written: " + e);
        }
        names.add(name + ".svg");
    }

    private static String lumiNote(ScanCommand.Result r) {
        return r.lumiInvFb() == null ? "" : String.format(Locale.ROOT, "L = %.4g fb⁻¹", r.lumiInvFb());
    }

    /** Fig. 12: the data around the largest excess with the signal-plus-background and background-only fits. */
    static Figure fitAtLargestExcess(ScanCommand.Result r) {
        FitScan.Point p = r.largest();
        FitScan.Window w = r.scan().windowAt(p.massGeV());
        Histogram h = r.histogram();
        MassPointFit fit = w.fit(h);
        int fine = Math.max(1, (int) Math.round(w.resolutionGeV() / h.binWidth()));
        double binGeV = fine * h.binWidth();
        int first = h.binOf(fit.windowLowGeV() + 0.5 * h.binWidth());
        int last = h.binOf(fit.windowHighGeV() - 0.5 * h.binWidth());
        List<double[]> data = new ArrayList<>();
        for (int b = first; b + fine - 1 <= last; b += fine) {
            long n = h.sum(b, b + fine);
            data.add(new double[] {h.binLow(b) + binGeV / 2, n, Math.sqrt(n)});
        }
        Figure f = new Figure(String.format(Locale.ROOT, "Fit at M(X) = %.4f GeV: local significance %.1fσ", p.massGeV(),
                p.localSignificance()), "M_R(μμ) [GeV]", String.format(Locale.ROOT, "Candidates / (%.2g MeV)", binGeV * 1e3))
                .xRange(fit.windowLowGeV(), fit.windowHighGeV());
        f.points("Data", column(data, 0), column(data, 1), column(data, 2), Figure.BLACK);
        DoubleUnaryOperator signal = fit.fittedDensity(true);
        DoubleUnaryOperator background = fit.fittedDensity(false);
        int n = 600;
        double[] x = new double[n + 1];
        double[] sb = new double[n + 1];
        double[] b = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            x[i] = fit.windowLowGeV() + i * (fit.windowHighGeV() - fit.windowLowGeV()) / n;
            sb[i] = signal == null ? Double.NaN : signal.applyAsDouble(x[i]) * binGeV;
            b[i] = background == null ? Double.NaN : background.applyAsDouble(x[i]) * binGeV;
        }
        f.line("Signal + background fit", x, sb, Figure.BLUE, false);
        f.line("Background-only fit", x, b, Figure.RED, true);
        f.note(String.format(Locale.ROOT, "Signal yield %.1f ± %.1f (scaled by %.2f)", p.signalYield(), p.signalError(),
                r.scan().yieldScale()));
        if (!lumiNote(r).isEmpty()) {
            f.note(lumiNote(r));
        }
        return f;
    }

    static Figure localSignificance(ScanCommand.Result r) {
        Figure f = new Figure(String.format(Locale.ROOT, "Local significance: largest %.1fσ at %.4f GeV (global %.1fσ)",
                r.largest().localSignificance(), r.largest().massGeV(), r.globalSignificance()), "M(μμ) [GeV]", "Local significance [σ]");
        f.horizontalLine("3σ", 3, Figure.RED, true);
        f.line("Scan", masses(r), withGaps(r, p -> p.localSignificance()), Figure.BLUE, false);
        f.horizontalLine(null, 0, Figure.GREY, false);
        return f;
    }

    static Figure yieldLimits(ScanCommand.Result r) {
        Figure f = new Figure("90% CL upper limits on the signal yield", "M(μμ) [GeV]", "Signal yield upper limit [events]").logY();
        double[] m = masses(r);
        f.band("Expected ± 2σ", m, withGaps(r, p -> p.expectedYieldLimits()[0]), withGaps(r, p -> p.expectedYieldLimits()[4]), Figure.YELLOW);
        f.band("Expected ± 1σ", m, withGaps(r, p -> p.expectedYieldLimits()[1]), withGaps(r, p -> p.expectedYieldLimits()[3]), Figure.GREEN);
        f.line("Expected (median)", m, withGaps(r, p -> p.expectedYieldLimits()[2]), Figure.BLACK, true);
        f.line("Observed", m, withGaps(r, FitScan.Point::yieldUpperLimit), Figure.BLACK, false);
        return f;
    }

    /** Fig. 13. */
    static Figure crossSectionLimits(ScanCommand.Result r, ModelLimits m) {
        String x = symbol(m);
        Figure f = new Figure("90% CL upper limits on σ(e⁺e⁻ → μ⁺μ⁻" + x + ") × B(" + x + " → μ⁺μ⁻)",
                "M(" + x + ") [GeV]", "σ × B [fb]").logY();
        limitBands(f, r, m, ScanTables::xsec);
        f.note(modelName(m));
        if (!lumiNote(r).isEmpty()) {
            f.note(lumiNote(r));
        }
        return f;
    }

    /** Fig. 14. */
    static Figure couplingLimits(ScanCommand.Result r, ModelLimits m) {
        String g = LmuLtauZPrime.NAME.equals(m.model()) ? "g'" : "g_S";
        Figure f = new Figure("90% CL upper limits on the coupling " + g, "M(" + symbol(m) + ") [GeV]", g).logY();
        double[] mass = masses(r);
        List<ModelLimits.Row> rows = m.rows();
        f.band(String.format(Locale.ROOT, "(g−2)μ ± %.0fσ", r.bandSigmas()), mass,
                gapped(r, i -> rows.get(i).anomalyBand().lower()), gapped(r, i -> rows.get(i).anomalyBand().upper()), Figure.PINK);
        limitBands(f, r, m, ScanTables::coupling);
        f.note(modelName(m));
        if (!lumiNote(r).isEmpty()) {
            f.note(lumiNote(r));
        }
        return f;
    }

    private interface RowValue {
        double at(ModelLimits.Row row, int k);
    }

    private static void limitBands(Figure f, ScanCommand.Result r, ModelLimits m, RowValue v) {
        double[] mass = masses(r);
        List<ModelLimits.Row> rows = m.rows();
        f.band("Expected ± 2σ", mass, gapped(r, i -> v.at(rows.get(i), 0)), gapped(r, i -> v.at(rows.get(i), 4)), Figure.YELLOW);
        f.band("Expected ± 1σ", mass, gapped(r, i -> v.at(rows.get(i), 1)), gapped(r, i -> v.at(rows.get(i), 3)), Figure.GREEN);
        f.line("Expected (median)", mass, gapped(r, i -> v.at(rows.get(i), 2)), Figure.BLACK, true);
        f.line("Observed", mass, gapped(r, i -> v.at(rows.get(i), -1)), Figure.BLACK, false);
    }

    private static String symbol(ModelLimits m) {
        return LmuLtauZPrime.NAME.equals(m.model()) ? "Z'" : "S";
    }

    private static String modelName(ModelLimits m) {
        return LmuLtauZPrime.NAME.equals(m.model()) ? "Lμ − Lτ Z'" : "Muonphilic scalar S";
    }

    private static double[] column(List<double[]> rows, int k) {
        return rows.stream().mapToDouble(row -> row[k]).toArray();
    }

    private static double[] masses(ScanCommand.Result r) {
        return gapped(r, i -> r.points().get(i).massGeV());
    }

    private static double[] withGaps(ScanCommand.Result r, ToDoubleFunction<FitScan.Point> f) {
        return gapped(r, i -> f.applyAsDouble(r.points().get(i)));
    }

    private interface IndexValue {
        double at(int i);
    }

    /**
     * The values at every test mass, with a NaN inserted wherever neighbouring masses are further apart
     * than a few resolutions (the J/psi veto), so that curves and bands break there as in the paper.
     * Every array built this way has the same length and the NaN in the same places.
     */
    private static double[] gapped(ScanCommand.Result r, IndexValue v) {
        List<FitScan.Point> p = r.points();
        List<Double> out = new ArrayList<>(p.size() + 4);
        for (int i = 0; i < p.size(); i++) {
            if (i > 0 && p.get(i).massGeV() - p.get(i - 1).massGeV() > GAP_IN_RESOLUTIONS * p.get(i - 1).resolutionGeV()) {
                out.add(Double.NaN);
            }
            out.add(v.at(i));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
