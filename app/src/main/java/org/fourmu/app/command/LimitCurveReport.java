package org.fourmu.app.command;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fourmu.app.replay.LimitCurveFiles;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.limits.CouplingLimit;
import org.fourmu.physics.limits.CrossSectionLimit;
import org.fourmu.physics.limits.ModelLimits;
import org.fourmu.physics.models.AnomalyCouplingBand;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.models.MuonAnomaly;
import org.fourmu.physics.models.MuonphilicScalar;
import org.fourmu.topology.aggregation.LimitAssembler;
import org.fourmu.topology.aggregation.ScanPublication;

/**
 * A published limit curve as the files of {@code fourmu scan}: the curve's own CSV and JSON ({@link LimitCurveFiles}),
 * the scan table with the model limits ({@code scan.csv}, {@code scan.json}) and the paper's figures as SVG and PNG
 * (local significance, yield limits, and per model sigma x B and coupling limits with their expected bands, Figs.
 * 13-14). The fit at the largest excess (Fig. 12) needs the spectrum, which a limit curve does not carry.
 * The numbers are the curve's: nothing is refitted or reconverted.
 */
public final class LimitCurveReport {

    /** Half-width of the (g-2)_mu band in standard deviations, as in the paper's Fig. 14. */
    static final double BAND_SIGMAS = 2;

    private LimitCurveReport() {
    }

    /** Writes every table and figure of {@code curve} into {@code dir} (which must exist); returns the file names. */
    public static List<String> write(LimitCurve curve, Path dir) throws IOException {
        List<String> files = new ArrayList<>(List.of("limits.csv", "summary.json", "scan.csv", "scan.json"));
        LimitCurveFiles.write(curve, dir);
        if (curve.getPoints().isEmpty()) {
            return List.of("limits.csv", "summary.json");
        }
        ScanCommand.Result r = result(curve);
        ScanTables.writeCsv(r, dir.resolve("scan.csv"));
        ScanTables.writeJson(r, dir.resolve("scan.json"));
        for (String svg : ScanFigures.write(r, dir)) {
            files.add(svg);
            files.add(svg.replace(".svg", ".png"));
        }
        return files;
    }

    /** The curve as a scan result: its points, its significances, and its model limits where it has them. */
    static ScanCommand.Result result(LimitCurve curve) {
        List<MassPoint> sorted = new ArrayList<>(curve.getPoints());
        sorted.sort(Comparator.comparingDouble(MassPoint::getMass));
        List<FitScan.Point> points = sorted.stream().map(ScanPublication::point).toList();
        FitScan.Point largest = points.stream().max(Comparator.comparingDouble(FitScan.Point::localSignificance)).orElseThrow();
        MuonAnomaly.Band anomaly = MuonAnomaly.WORLD_AVERAGE_2023_MINUS_SM_2020;
        Map<String, ModelLimits> models = new LinkedHashMap<>();
        for (String model : List.of(LmuLtauZPrime.NAME, MuonphilicScalar.NAME)) {
            ModelLimits m = modelLimits(model, sorted, anomaly);
            if (m != null) {
                models.put(model, m);
            }
        }
        return new ScanCommand.Result(null, null, points, 0, largest, curve.getUpCrossings(), LimitAssembler.CROSSING_LEVEL,
                curve.getGlobalSignificance(), curve.getIntegratedLuminosity(), models,
                models.isEmpty() ? "the limit curve carries no cross-section limits (no calibration bundle)" : null,
                anomaly, BAND_SIGMAS);
    }

    /**
     * The curve's limits of one model, or null if it has none. The expected coupling limits follow from the
     * expected cross sections as g_k = g_obs sqrt(sigma_k / sigma_obs): sigma x B scales as the coupling squared.
     */
    private static ModelLimits modelLimits(String model, List<MassPoint> points, MuonAnomaly.Band anomaly) {
        boolean zprime = model.equals(LmuLtauZPrime.NAME);
        List<ModelLimits.Row> rows = new ArrayList<>(points.size());
        boolean any = false;
        for (MassPoint p : points) {
            double m = p.getMass();
            double eff = zprime ? p.getEfficiencyZPrime() : p.getEfficiencyScalar();
            double observed = zprime ? p.getXsecLimitZPrime() : p.getXsecLimitScalar();
            List<Double> band = zprime ? p.getExpectedXsecLimitsZPrime() : p.getExpectedXsecLimitsScalar();
            double g = zprime ? p.getCouplingLimitZPrime() : p.getCouplingLimitScalar();
            CrossSectionLimit sigma = null;
            CouplingLimit coupling = null;
            if (observed > 0 && band.size() == 5) {
                double[] expected = band.stream().mapToDouble(Double::doubleValue).toArray();
                sigma = new CrossSectionLimit(m, observed, expected);
                any = true;
                if (g > 0) {
                    double[] gExpected = new double[5];
                    for (int k = 0; k < 5; k++) {
                        gExpected[k] = g * Math.sqrt(expected[k] / observed);
                    }
                    coupling = new CouplingLimit(m, g, gExpected);
                }
            }
            rows.add(new ModelLimits.Row(m, eff, sigma, coupling, AnomalyCouplingBand.of(model, m, anomaly, BAND_SIGMAS)));
        }
        return any ? new ModelLimits(model, rows, List.of()) : null;
    }
}
