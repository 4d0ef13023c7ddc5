package org.fourmu.app.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.limits.GlobalSignificance;
import org.fourmu.physics.spectrum.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fourmu scan}: the fit scan over a reduced-mass spectrum, with local and global
 * significance and 90% CL limits on the signal yield (and on the cross section with an efficiency).
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Run the fit scan (0.212-9 GeV, step = resolution, window = 60 resolutions) over a spectrum; "
                + "write CSV and JSON.")
public final class ScanCommand implements Callable<Integer> {

    @Option(names = "--input", required = true,
            description = "A fourmu histogram file (.fmh), or a text file with one reduced mass in GeV per line.")
    Path input;

    @Option(names = "--lumi", description = "Integrated luminosity in fb^-1 (with --efficiency: cross-section limits in fb).")
    Double lumiInvFb;

    @Option(names = "--efficiency", description = "Signal efficiency (flat in mass) for cross-section limits; "
            + "the calibration bundle's efficiency versus mass replaces it.")
    Double efficiency;

    @Option(names = "--out", defaultValue = "scan-results", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--crossing-level", defaultValue = "0.0",
            description = "Level (sigma) at which up-crossings are counted for the global significance (default: ${DEFAULT-VALUE}).")
    double crossingLevel;

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(input)) {
            throw new IllegalArgumentException("--input: cannot read " + input);
        }
        Histogram h = read(input);
        FitScan scan = FitScan.paper(SignalShapeModel.paperDefault());
        long t0 = System.nanoTime();
        List<FitScan.Point> points = scan.scan(range -> h);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] z = points.stream().mapToDouble(FitScan.Point::localSignificance).toArray();
        FitScan.Point max = points.stream().max((a, b) -> Double.compare(a.localSignificance(), b.localSignificance())).orElseThrow();
        int crossings = GlobalSignificance.upCrossings(z, crossingLevel);
        double global = GlobalSignificance.globalSignificance(max.localSignificance(), crossings, crossingLevel);
        Files.createDirectories(out);
        double toXsec = lumiInvFb != null && efficiency != null ? 1.0 / (lumiInvFb * efficiency) : Double.NaN;
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("scan.csv")))) {
            csv.println("mass_gev,reduced_mass_gev,resolution_gev,mlp_range,status,entries,signal_yield,signal_error,"
                    + "local_significance,yield_ul,expected_yield_ul_m2,expected_yield_ul_m1,expected_yield_ul_median,"
                    + "expected_yield_ul_p1,expected_yield_ul_p2,xsec_ul_fb");
            for (FitScan.Point p : points) {
                double[] e = p.expectedYieldLimits();
                csv.printf(Locale.ROOT, "%.6f,%.6f,%.6f,%d,%s,%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.6g%n",
                        p.massGeV(), p.reducedMassGeV(), p.resolutionGeV(), p.range().number(), p.status(), p.entries(),
                        p.signalYield(), p.signalError(), p.localSignificance(), p.yieldUpperLimit(),
                        e[0], e[1], e[2], e[3], e[4], p.yieldUpperLimit() * toXsec);
            }
        }
        String json = String.format(Locale.ROOT, "{\"fits\":%d,\"entries\":%d,\"max_local_significance\":%.4f,"
                        + "\"max_local_significance_mass_gev\":%.6f,\"up_crossings\":%d,\"crossing_level\":%.2f,"
                        + "\"global_significance\":%.4f,\"scan_seconds\":%.3f}%n",
                points.size(), h.entries(), max.localSignificance(), max.massGeV(), crossings, crossingLevel, global, seconds);
        Files.writeString(out.resolve("summary.json"), json);
        System.out.printf(Locale.ROOT, "%d fits in %.2f s; largest local significance %.2f sigma at %.4f GeV, global %.2f sigma "
                + "(%d up-crossings at %.1f sigma); results in %s%n", points.size(), seconds, max.localSignificance(),
                max.massGeV(), global, crossings, crossingLevel, out);
        return 0;
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
