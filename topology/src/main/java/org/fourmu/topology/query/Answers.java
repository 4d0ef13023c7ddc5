package org.fourmu.topology.query;

import java.util.ArrayList;
import java.util.List;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.MassPoint;
import org.fourmu.topology.aggregation.CutFlowStore;
import org.fourmu.topology.aggregation.SpectrumStore;
import org.fourmu.physics.limits.CouplingLimit;
import org.fourmu.physics.selection.Stage;

/**
 * The JSON shapes of the interactive queries. Units in the names; a quantity that is not available
 * (NaN in the result records, e.g. cross sections before the calibration bundle supplies
 * efficiencies) is null.
 */
public final class Answers {

    private Answers() {
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static List<Double> finite(List<Double> v) {
        List<Double> out = new ArrayList<>(v.size());
        for (double x : v) {
            out.add(finite(x));
        }
        return out;
    }

    /**
     * One fit of the scan. Expected limits: -2, -1, median, +1, +2 sigma (the expected coupling limits follow
     * from the expected cross-section limits, g scaling as sqrt(sigma): {@link CouplingLimit#atCrossSection}).
     */
    public record Point(double massGeV, double reducedMassGeV, double resolutionGeV, int mlpRange, String fitStatus,
                        Double signalYield, Double signalYieldError, Double backgroundYield, Double localSignificance,
                        Double yieldUpperLimit, List<Double> expectedYieldLimits, Double efficiencyZPrime,
                        Double efficiencyScalar, Double xsecLimitZPrimeFb, Double xsecLimitScalarFb,
                        Double couplingLimitZPrime, Double couplingLimitScalar, List<Double> expectedXsecLimitsZPrimeFb,
                        List<Double> expectedXsecLimitsScalarFb, List<Double> expectedCouplingLimitsZPrime,
                        List<Double> expectedCouplingLimitsScalar) {

        static Point of(MassPoint p) {
            return new Point(p.getMass(), p.getReducedMass(), p.getResolution(), p.getMlpRange(), p.getFitStatus(),
                    finite(p.getSignalYield()), finite(p.getSignalYieldError()), finite(p.getBackgroundYield()),
                    finite(p.getLocalSignificance()), finite(p.getYieldUpperLimit()), finite(p.getExpectedYieldLimits()),
                    finite(p.getEfficiencyZPrime()), finite(p.getEfficiencyScalar()), finite(p.getXsecLimitZPrime()),
                    finite(p.getXsecLimitScalar()), finite(p.getCouplingLimitZPrime()), finite(p.getCouplingLimitScalar()),
                    finite(p.getExpectedXsecLimitsZPrime()), finite(p.getExpectedXsecLimitsScalar()),
                    expectedCouplings(p.getCouplingLimitZPrime(), p.getXsecLimitZPrime(), p.getExpectedXsecLimitsZPrime()),
                    expectedCouplings(p.getCouplingLimitScalar(), p.getXsecLimitScalar(), p.getExpectedXsecLimitsScalar()));
        }

        private static List<Double> expectedCouplings(double observedCoupling, double observedXsecFb, List<Double> expectedXsecFb) {
            List<Double> out = new ArrayList<>(expectedXsecFb.size());
            for (double x : expectedXsecFb) {
                out.add(finite(CouplingLimit.atCrossSection(observedCoupling, observedXsecFb, x)));
            }
            return out;
        }
    }

    /** The latest limit curve of an analysis, as published on {@code fourmu.limits}. */
    public record Limits(String analysisId, String calibrationId, long version, long publishedMillis,
                         double integratedLuminosityInvFb, long events, long candidates, long histogramEntries, int fits,
                         Double maxLocalSignificance, double maxLocalSignificanceMassGeV, Double globalSignificance,
                         int upCrossings, List<Point> points) {

        static Limits of(LimitCurve c) {
            return new Limits(c.getAnalysisId(), c.getCalibrationId(), c.getVersion(), c.getPublishedMillis(),
                    c.getIntegratedLuminosity(), c.getEvents(), c.getCandidates(), c.getHistogramEntries(), c.getFits(),
                    finite(c.getMaxLocalSignificance()), c.getMaxLocalSignificanceMass(), finite(c.getGlobalSignificance()),
                    c.getUpCrossings(), c.getPoints().stream().map(Point::of).toList());
        }
    }

    /** The test mass nearest to the one asked for, with the segment scan it came from. */
    public record NearestPoint(double requestedMassGeV, int segment, long segmentVersion, long scanMillis,
                               long segmentCandidates, double integratedLuminosityInvFb, Point point) {
    }

    /**
     * A reduced-mass spectrum: {@code counts[i]} is the number of candidates in
     * [reducedMassLowGeV + i binWidthGeV, reducedMassLowGeV + (i + 1) binWidthGeV). For the window view,
     * the time span [windowStartMillis, windowEndMillis] of record time it covers.
     */
    public record Spectrum(String view, Integer experiment, Integer run, String mlpRange, double massLowGeV,
                           double massHighGeV, double reducedMassLowGeV, double reducedMassHighGeV, double binWidthGeV,
                           int rebin, long entries, Long windowStartMillis, Long windowEndMillis, long[] counts) {
    }

    /** One segment's part of a spectrum, as one instance hands it to another. */
    public record SegmentBins(int segment, long clockMillis, List<SpectrumStore.Bins> bins) {
    }

    /** Pass and fail counts of one stage of the per-event chain. */
    public record StageCount(String stage, long passed, long failed) {
    }

    /** The cut-flow of all runs, or of one run. */
    public record CutFlow(Integer experiment, Integer run, long events, long selected, long candidates,
                          List<StageCount> stages) {

        static CutFlow of(Integer experiment, Integer run, CutFlowStore.Counts c) {
            List<StageCount> stages = new ArrayList<>();
            for (Stage s : Stage.values()) {
                stages.add(new StageCount(s.tag(), c.passed(s), c.failed(s)));
            }
            return new CutFlow(experiment, run, c.events(), c.passed(), c.candidates(), stages);
        }
    }

    /** Cut-flow counts of some partitions, as one instance hands them to another. */
    public record PartitionCounts(List<Integer> partitions, long[] counts) {
    }

    /** Why a query has no answer. */
    public record Problem(int status, String message) {
    }
}
