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
     * The fit at one test mass, bin by bin, for drawing it over the data (the paper's Fig. 12). Masses in GeV,
     * the window and the bins in reduced mass M_R; yields, error and limit scaled by {@code yieldScale} as
     * published, the curves not (they are the fit's own: their signal holds signalYield / yieldScale times
     * signalFractionInWindow). {@code counts[i]} candidates in [binEdgesGeV[i], binEdgesGeV[i + 1]) (the last bin
     * may be narrower); {@code expected*[i]} the fitted densities integrated over that bin; {@code curve*} the
     * densities at {@code curveReducedMassGeV} as entries per {@code binWidthGeV}. Expectations and curves are
     * null where the fit failed or the window is empty. Provenance: the segment's last published scan version
     * and its histogram entries now; from the limit curve's task, if it answered, the entries that scan rested
     * on (so whether data came since: this fit is then newer than the published point), the latest limit
     * curve's version and whether its point at this mass is this fit (same status, yield, error, significance).
     */
    public record Fit(double requestedMassGeV, double massGeV, double reducedMassGeV, double resolutionGeV, int mlpRange,
                      double mlpRangeLowGeV, double mlpRangeHighGeV, double windowLowGeV, double windowHighGeV,
                      double yieldScale, double signalFractionInWindow, String fitStatus, Double signalYield,
                      Double signalYieldError, Double backgroundYield, Double localSignificance, Double yieldUpperLimit,
                      long windowEntries, int segment, long segmentScanVersion, long histogramEntries,
                      Long scannedHistogramEntries, Boolean newDataSinceScan, Long limitCurveVersion,
                      Boolean limitCurveShowsThisFit, double binWidthGeV, double[] binEdgesGeV, long[] counts,
                      double[] expectedSignalPlusBackground, double[] expectedBackgroundOnly, double[] curveReducedMassGeV,
                      double[] curveSignalPlusBackground, double[] curveBackgroundOnly) {

        /** This fit with what the limit curve's task knows of it. */
        Fit withPublished(Published published) {
            Long scanned = published.scanVersion() == null || published.scanVersion() != segmentScanVersion ? null
                    : published.scanHistogramEntries();
            Boolean newData = published.scanVersion() == null ? null
                    : published.scanVersion() != segmentScanVersion || scanned == null || scanned != histogramEntries;
            Point c = published.curvePoint();
            Boolean shows = published.curveVersion() == null || c == null ? null
                    : c.fitStatus().equals(fitStatus) && java.util.Objects.equals(c.signalYield(), signalYield)
                    && java.util.Objects.equals(c.signalYieldError(), signalYieldError)
                    && java.util.Objects.equals(c.localSignificance(), localSignificance);
            return new Fit(requestedMassGeV, massGeV, reducedMassGeV, resolutionGeV, mlpRange, mlpRangeLowGeV, mlpRangeHighGeV,
                    windowLowGeV, windowHighGeV, yieldScale, signalFractionInWindow, fitStatus, signalYield, signalYieldError,
                    backgroundYield, localSignificance, yieldUpperLimit, windowEntries, segment, segmentScanVersion,
                    histogramEntries, scanned, newData, published.curveVersion(), shows, binWidthGeV, binEdgesGeV, counts,
                    expectedSignalPlusBackground, expectedBackgroundOnly, curveReducedMassGeV, curveSignalPlusBackground,
                    curveBackgroundOnly);
        }
    }

    /**
     * What the limit curve's task holds for one segment and test mass: the version and histogram entries of the
     * segment's latest scan it received, the latest curve's version and that curve's point at the mass (nulls
     * where it has none).
     */
    public record Published(Long scanVersion, Long scanHistogramEntries, Long curveVersion, Point curvePoint) {
    }

    /**
     * The (g-2)_mu band of the coupling plots (paper Fig. 14): at each test mass, the couplings g' (Z') and g_S
     * (scalar) for which the one-loop contribution equals Delta a_mu - n sigma, Delta a_mu, Delta a_mu + n sigma
     * (a lower edge 0 where Delta a_mu - n sigma is not positive).
     */
    public record AnomalyBand(double deltaAmu, double deltaAmuSigma, double bandSigmas, String source, double[] massGeV,
                              CouplingBand zPrime, CouplingBand scalar) {
    }

    /** Couplings at the lower edge, centre and upper edge of the anomaly band, one per mass. */
    public record CouplingBand(double[] lower, double[] central, double[] upper) {
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
