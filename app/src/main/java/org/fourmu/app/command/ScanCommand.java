package org.fourmu.app.command;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.limits.EfficiencyTable;
import org.fourmu.physics.limits.GlobalSignificance;
import org.fourmu.physics.limits.ModelLimits;
import org.fourmu.physics.limits.YieldLimit;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.models.MuonAnomaly;
import org.fourmu.physics.models.MuonphilicScalar;
import org.fourmu.physics.models.SignalCrossSectionTable;
import org.fourmu.physics.spectrum.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fourmu scan}: the fit scan over a reduced-mass spectrum (paper Secs. V and VII): local and
 * global significance, 90% CL limits on the signal yield and, with the signal efficiency and the
 * luminosity, on sigma x B and on the couplings of the Z' and the scalar, with the (g-2)_mu band;
 * CSV, JSON and the paper's result figures.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Run the fit scan (0.212-9 GeV, step = resolution, window = 60 resolutions) over a spectrum; "
                + "write CSV, JSON and figures (fit at the largest excess, local significance, cross-section and coupling limits).")
public final class ScanCommand implements Callable<Integer> {

    static final String[] MODELS = {LmuLtauZPrime.NAME, MuonphilicScalar.NAME};

    @Option(names = "--input", required = true,
            description = "A fourmu histogram file (.fmh), or a text file with one reduced mass in GeV per line.")
    Path input;

    @Option(names = "--lumi", description = "Integrated luminosity in fb^-1 (paper: 178); needed for cross-section limits.")
    Double lumiInvFb;

    @Option(names = "--efficiency", paramLabel = "<csv>",
            description = "Signal efficiency versus mass, CSV with header mass,eff_zprime,eff_scalar (linear interpolation, "
                    + "no extrapolation); needed for cross-section and coupling limits.")
    Path efficiency;

    @Option(names = "--delta-amu", description = "Delta a_mu for the (g-2)_mu band (default: 249e-11, 2023 world average minus the "
            + "2020 SM prediction).")
    Double deltaAmu;

    @Option(names = "--delta-amu-error", description = "Its standard deviation (default: 48e-11).")
    Double deltaAmuError;

    @Option(names = "--band-sigmas", defaultValue = "2",
            description = "Half-width of the (g-2)_mu band in standard deviations (default: ${DEFAULT-VALUE}).")
    double bandSigmas;

    @Option(names = "--mass-range", split = ",", paramLabel = "LOW,HIGH",
            description = "Scan only the test masses in [LOW, HIGH] GeV (default: all of 0.212-9).")
    double[] massRange;

    @Option(names = "--out", defaultValue = "scan-results", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--crossing-level", defaultValue = "1.0",
            description = "Level (sigma) at which up-crossings are counted for the global significance (default: ${DEFAULT-VALUE}).")
    double crossingLevel;

    @Option(names = "--no-figures", description = "Do not draw the figures.")
    boolean noFigures;

    @Option(names = "--fit-inputs", paramLabel = "<dir>",
            description = "Also write the histogram's non-empty bins and every fit's window and signal-shape parameters as CSV, "
                    + "for an independent fit of the same model (tools/iminuit_scan.py).")
    Path fitInputs;

    /** Everything the scan produced, for the tables and the figures. */
    record Result(Histogram histogram, FitScan scan, List<FitScan.Point> points, double seconds, FitScan.Point largest,
                  int upCrossings, double crossingLevel, double globalSignificance, Double lumiInvFb,
                  Map<String, ModelLimits> models, String limitsLeftOut, MuonAnomaly.Band anomaly, double bandSigmas) {
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(input)) {
            throw new IllegalArgumentException("--input: cannot read " + input);
        }
        if (massRange != null && (massRange.length != 2 || !(massRange[1] >= massRange[0]))) {
            throw new IllegalArgumentException("--mass-range needs LOW,HIGH with HIGH >= LOW");
        }
        Histogram h = read(input);
        Result r = run(h);
        Files.createDirectories(out);
        ScanTables.writeCsv(r, out.resolve("scan.csv"));
        ScanTables.writeJson(r, out.resolve("scan.json"));
        List<String> figures = noFigures ? List.of() : ScanFigures.write(r, out);
        if (fitInputs != null) {
            Files.createDirectories(fitInputs);
            ScanTables.writeFitInputs(r, fitInputs);
        }
        print(r, figures);
        return 0;
    }

    Result run(Histogram h) {
        FitScan scan = FitScan.paper(SignalShapeModel.paperDefault());
        List<Double> masses = scan.masses();
        if (massRange != null) {
            masses = masses.stream().filter(m -> m >= massRange[0] && m <= massRange[1]).collect(Collectors.toList());
            if (masses.isEmpty()) {
                throw new IllegalArgumentException("--mass-range " + massRange[0] + "," + massRange[1] + " holds no test mass");
            }
        }
        long t0 = System.nanoTime();
        List<FitScan.Point> points = scan.scan(masses, range -> h, true);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] z = points.stream().mapToDouble(FitScan.Point::localSignificance).toArray();
        FitScan.Point largest = points.stream().max((a, b) -> Double.compare(a.localSignificance(), b.localSignificance())).orElseThrow();
        int crossings = GlobalSignificance.upCrossings(z, crossingLevel);
        double global = GlobalSignificance.globalSignificance(largest.localSignificance(), crossings, crossingLevel);

        MuonAnomaly.Band anomaly = MuonAnomaly.Band.of(
                deltaAmu != null ? deltaAmu : MuonAnomaly.WORLD_AVERAGE_2023_MINUS_SM_2020.central(),
                deltaAmuError != null ? deltaAmuError : MuonAnomaly.WORLD_AVERAGE_2023_MINUS_SM_2020.sigma());
        Map<String, ModelLimits> models = new LinkedHashMap<>();
        String leftOut = whyLimitsAreLeftOut();
        if (leftOut == null) {
            EfficiencyTable eff = readEfficiency();
            List<YieldLimit> yields = new ArrayList<>(points.size());
            for (FitScan.Point p : points) {
                yields.add(new YieldLimit(p.massGeV(), p.yieldUpperLimit(), p.expectedYieldLimits()));
            }
            for (String model : MODELS) {
                models.put(model, ModelLimits.of(model, yields, eff.forModel(model), lumiInvFb,
                        SignalCrossSectionTable.shipped(model), anomaly, bandSigmas));
            }
        }
        return new Result(h, scan, points, seconds, largest, crossings, crossingLevel, global, lumiInvFb, models, leftOut,
                anomaly, bandSigmas);
    }

    private String whyLimitsAreLeftOut() {
        if (efficiency == null && lumiInvFb == null) {
            return "no --efficiency and no --lumi: cross-section and coupling limits need the signal efficiency versus mass "
                    + "(calibration bundle) and the integrated luminosity";
        }
        if (efficiency == null) {
            return "no --efficiency: cross-section and coupling limits need the signal efficiency versus mass (calibration bundle)";
        }
        if (lumiInvFb == null) {
            return "no --lumi: cross-section and coupling limits need the integrated luminosity";
        }
        if (!(lumiInvFb > 0)) {
            throw new IllegalArgumentException("--lumi must be positive, got " + lumiInvFb);
        }
        return null;
    }

    private EfficiencyTable readEfficiency() {
        try {
            return EfficiencyTable.fromCsv(Files.readString(efficiency));
        } catch (IOException e) {
            throw new IllegalArgumentException("--efficiency: cannot read " + efficiency + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--efficiency " + efficiency + ": " + e.getMessage());
        }
    }

    private void print(Result r, List<String> figures) {
        FitScan.Point max = r.largest();
        System.out.printf(Locale.ROOT, "%d fits in %.2f s; largest local significance %.2f sigma at %.4f GeV, global %.2f sigma "
                + "(%d up-crossings at %.1f sigma)%n", r.points().size(), r.seconds(), max.localSignificance(), max.massGeV(),
                r.globalSignificance(), r.upCrossings(), r.crossingLevel());
        if (r.limitsLeftOut() != null) {
            System.out.println("Yield limits only: " + r.limitsLeftOut() + ".");
        }
        for (ModelLimits m : r.models().values()) {
            System.out.println(ScanTables.describe(m, r.anomaly(), r.bandSigmas()));
        }
        if (!figures.isEmpty()) {
            System.out.println("Figures: " + String.join(", ", figures));
        }
        System.out.println("Results in " + out + " (scan.csv, scan.json)" + (fitInputs != null ? "; fit inputs in " + fitInputs : ""));
    }

    static Histogram read(Path input) throws IOException {
        try (InputStream in = Files.newInputStream(input)) {
            byte[] head = in.readNBytes(4);
            if (head.length == 4 && head[0] == 'F' && head[1] == 'M' && head[2] == 'H' && head[3] == 'S') {
                try (InputStream again = Files.newInputStream(input)) {
                    return Histogram.readFrom(again);
                }
            }
        }
        Histogram h = Histogram.reducedMass();
        int line = 0;
        for (String s : Files.readAllLines(input)) {
            line++;
            String t = s.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            try {
                h.fill(Double.parseDouble(t));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--input: line " + line + " is not a number: '" + t + "'");
            }
        }
        return h;
    }
}
