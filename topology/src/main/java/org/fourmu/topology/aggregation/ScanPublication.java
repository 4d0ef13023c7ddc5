package org.fourmu.topology.aggregation;

import java.util.ArrayList;
import java.util.List;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.fit.MassPointFit;
import org.fourmu.avro.MassPoint;
import org.fourmu.physics.fit.FitScan;

/**
 * Converts the statistics engine's scan points to wire records. Quantities that need the
 * calibration bundle (efficiencies, cross-section and coupling limits) are NaN until it supplies them.
 */
public final class ScanPublication {

    private ScanPublication() {
    }

    public static MassPoint massPoint(FitScan.Point p) {
        List<Double> expected = new ArrayList<>(5);
        for (double e : p.expectedYieldLimits()) {
            expected.add(e);
        }
        return MassPoint.newBuilder()
                .setMass(p.massGeV()).setReducedMass(p.reducedMassGeV()).setResolution(p.resolutionGeV())
                .setMlpRange(p.range().number()).setFitStatus(p.status().name())
                .setSignalYield(p.signalYield()).setSignalYieldError(p.signalError()).setBackgroundYield(p.backgroundYield())
                .setLocalSignificance(p.localSignificance()).setYieldUpperLimit(p.yieldUpperLimit())
                .setExpectedYieldLimits(expected)
                .setEfficiencyZPrime(Double.NaN).setEfficiencyScalar(Double.NaN)
                .setXsecLimitZPrime(Double.NaN).setXsecLimitScalar(Double.NaN)
                .setExpectedXsecLimitsZPrime(List.of()).setExpectedXsecLimitsScalar(List.of())
                .setCouplingLimitZPrime(Double.NaN).setCouplingLimitScalar(Double.NaN)
                .build();
    }

    /**
     * The scan point a published mass point came from, for tables and figures of a limit curve; its window's
     * entries are not on the wire (-1).
     */
    public static FitScan.Point point(MassPoint m) {
        double[] expected = m.getExpectedYieldLimits().stream().mapToDouble(Double::doubleValue).toArray();
        MassPointFit.Status status;
        try {
            status = MassPointFit.Status.valueOf(m.getFitStatus());
        } catch (IllegalArgumentException unknown) {
            status = MassPointFit.Status.FAILED;
        }
        return new FitScan.Point(m.getMass(), m.getReducedMass(), m.getResolution(), MlpRange.ofNumber(m.getMlpRange()), status,
                m.getSignalYield(), m.getSignalYieldError(), m.getBackgroundYield(), m.getLocalSignificance(),
                m.getYieldUpperLimit(), expected, -1);
    }
}
