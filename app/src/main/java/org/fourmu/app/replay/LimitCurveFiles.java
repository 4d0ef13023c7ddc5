package org.fourmu.app.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;

/**
 * A limit curve as files: {@code limits.csv}, one line per mass point with every number at full precision
 * (so two results can be compared byte for byte), and {@code summary.json}.
 */
public final class LimitCurveFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LimitCurveFiles() {
    }

    public static void write(LimitCurve curve, Path out) throws IOException {
        Files.createDirectories(out);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out.resolve("limits.csv")))) {
            csv.println("mass_gev,reduced_mass_gev,resolution_gev,mlp_range,status,signal_yield,signal_error,background_yield,"
                    + "local_significance,yield_ul,expected_yield_ul_m2,expected_yield_ul_m1,expected_yield_ul_median,"
                    + "expected_yield_ul_p1,expected_yield_ul_p2");
            for (MassPoint p : curve.getPoints()) {
                List<Double> e = p.getExpectedYieldLimits();
                csv.println(String.join(",", num(p.getMass()), num(p.getReducedMass()), num(p.getResolution()),
                        Integer.toString(p.getMlpRange()), p.getFitStatus().toString(), num(p.getSignalYield()),
                        num(p.getSignalYieldError()), num(p.getBackgroundYield()), num(p.getLocalSignificance()),
                        num(p.getYieldUpperLimit()), num(e.get(0)), num(e.get(1)), num(e.get(2)), num(e.get(3)), num(e.get(4))));
            }
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.put("analysis_id", curve.getAnalysisId().toString());
        summary.put("calibration_id", curve.getCalibrationId().toString());
        summary.put("integrated_luminosity_invfb", curve.getIntegratedLuminosity());
        summary.put("events", curve.getEvents());
        summary.put("candidates", curve.getCandidates());
        summary.put("histogram_entries", curve.getHistogramEntries());
        summary.put("fits", curve.getFits());
        summary.put("max_local_significance", curve.getMaxLocalSignificance());
        summary.put("max_local_significance_mass_gev", curve.getMaxLocalSignificanceMass());
        summary.put("global_significance", curve.getGlobalSignificance());
        summary.put("up_crossings", curve.getUpCrossings());
        JSON.writeValue(out.resolve("summary.json").toFile(), summary);
    }

    /** Shortest text that reads back to the same double. */
    private static String num(double x) {
        return Double.isNaN(x) ? "NaN" : Double.toString(x);
    }

}
