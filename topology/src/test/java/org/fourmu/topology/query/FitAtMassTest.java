package org.fourmu.topology.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.avro.MassPoint;
import org.fourmu.avro.ScanSegment;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.MassPointFit;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.aggregation.SegmentScan;
import org.fourmu.topology.aggregation.SpectrumStore;
import org.fourmu.topology.aggregation.SpectrumWindow;
import org.fourmu.topology.aggregation.TopologyFeed;
import org.fourmu.topology.processors.MassSegments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fit behind a scan point ({@code /api/fit}): on the whole topology in a TopologyTestDriver, the fit the
 * query makes from the state stores is the one the stream published for that mass, and the one FitScan makes
 * of a histogram filled here from the same candidates; its curves hold the fitted yields.
 */
class FitAtMassTest {

    private static final FitScan SCAN = FitScan.paper(SignalShapeModel.paperDefault());
    private static final FitAtMass FITS = new FitAtMass(SCAN);
    private static final double PEAK_GEV = 5.3;

    /** A flat background in M(mumu) 4.9-5.7 GeV and a Gaussian peak of the scan's resolution at 5.3 GeV, in reduced mass. */
    private static List<TopologyFeed.Entry> candidates(long seed, int background, int signal, long timeMillis) {
        UniformRandomProvider rng = RandomStreams.forKeys(seed, 12);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        List<TopologyFeed.Entry> out = new ArrayList<>();
        for (int i = 0; i < background; i++) {
            out.add(new TopologyFeed.Entry(4.9 + 0.8 * rng.nextDouble(), timeMillis, 1));
        }
        double reduced = CandidateBuilder.reducedMass(PEAK_GEV);
        double sigma = SCAN.shapes().resolutionGeV(PEAK_GEV);
        for (int i = 0; i < signal; i++) {
            out.add(new TopologyFeed.Entry(CandidateBuilder.massFromReduced(reduced + sigma * gauss.sample()), timeMillis, 1));
        }
        return out;
    }

    private static Answers.Fit fitFromStores(TopologyFeed feed, double requested) {
        double mass = FITS.nearestTestMass(requested);
        int segment = MassSegments.DEFAULT.holding(mass);
        List<SpectrumStore.Bins> cumulative = feed.spectra().bins(SpectrumStore.View.CUMULATIVE, 0, 0, segment, 0, Integer.MAX_VALUE);
        return FITS.fit(requested, mass, segment, cumulative, feed.segment(segment));
    }

    private static MassPoint published(ScanSegment scan, double mass) {
        return scan.getPoints().stream().filter(p -> p.getMass() == mass).findFirst()
                .orElseThrow(() -> new AssertionError("segment " + scan.getSegment() + " has no point at " + mass));
    }

    @Test
    void fitShouldBeThePublishedScanPointAndFitScanOnTheSameCandidates() {
        List<TopologyFeed.Entry> sent = candidates(1, 4000, 120, 1_000);
        try (TopologyFeed feed = new TopologyFeed(SpectrumWindow.DEFAULT)) {
            feed.send(sent);
            feed.driver.advanceWallClockTime(Duration.ofSeconds(6));
            Answers.Fit fit = fitFromStores(feed, 5.3004);
            KeyValueStore<Integer, ScanSegment> scans = feed.driver.getKeyValueStore(SearchTopology.LATEST_SCANS_STORE);
            ScanSegment scan = scans.get(fit.segment());
            MassPoint p = published(scan, fit.massGeV());

            // the stream's published point, to the bit, and the scan's provenance
            assertEquals("CONVERGED", fit.fitStatus());
            assertEquals(p.getFitStatus(), fit.fitStatus());
            assertEquals(p.getSignalYield(), fit.signalYield(), 0.0);
            assertEquals(p.getSignalYieldError(), fit.signalYieldError(), 0.0);
            assertEquals(p.getLocalSignificance(), fit.localSignificance(), 0.0);
            assertEquals(p.getBackgroundYield(), fit.backgroundYield(), 0.0);
            assertEquals(p.getYieldUpperLimit(), fit.yieldUpperLimit(), 0.0);
            assertEquals(p.getReducedMass(), fit.reducedMassGeV(), 0.0);
            assertEquals(p.getResolution(), fit.resolutionGeV(), 0.0);
            assertEquals(p.getMlpRange(), fit.mlpRange());
            assertEquals(scan.getVersion(), fit.segmentScanVersion());
            assertEquals(scan.getHistogramEntries(), fit.histogramEntries());
            assertTrue(fit.localSignificance() > 5, "the injected peak stands out: " + fit.localSignificance());

            // FitScan on a histogram filled here from the same candidates (all in MLP range 3)
            Histogram h = Histogram.reducedMass();
            sent.forEach(e -> h.fill(CandidateBuilder.reducedMass(e.massGeV())));
            FitScan.Point direct = SCAN.scan(List.of(fit.massGeV()), r -> h, false).get(0);
            assertEquals(direct.signalYield(), fit.signalYield(), 0.0);
            assertEquals(direct.signalError(), fit.signalYieldError(), 0.0);
            assertEquals(direct.localSignificance(), fit.localSignificance(), 0.0);
            assertEquals(direct.entries(), fit.windowEntries());

            // the displayed bins are the window's: every candidate of the window once
            MassPointFit window = SCAN.windowAt(fit.massGeV()).fit(h);
            assertEquals(window.windowLowGeV(), fit.binEdgesGeV()[0], 1e-12);
            assertEquals(window.windowHighGeV(), fit.binEdgesGeV()[fit.binEdgesGeV().length - 1], 1e-12);
            assertEquals(fit.windowEntries(), Arrays.stream(fit.counts()).sum());
            long inWindow = sent.stream().mapToDouble(e -> CandidateBuilder.reducedMass(e.massGeV()))
                    .filter(x -> x >= window.windowLowGeV() && x < window.windowHighGeV()).count();
            assertEquals(inWindow, fit.windowEntries(), 1, "bin-edge rounding aside");
            // bins of about half a resolution
            assertEquals(fit.resolutionGeV() / 2, fit.binWidthGeV(), 0.05 * fit.resolutionGeV());

            // new candidates after the scan: the query fits them at once, the published point is older
            feed.send(candidates(2, 400, 0, 2_000));
            Answers.Fit newer = fitFromStores(feed, 5.3004);
            assertNotEquals(fit.signalYield(), newer.signalYield());
            assertTrue(newer.histogramEntries() > scan.getHistogramEntries());
            Answers.Published known = new Answers.Published(scan.getVersion(), scan.getHistogramEntries(), 7L, Answers.Point.of(p));
            assertFalse(fit.withPublished(known).newDataSinceScan());
            assertTrue(fit.withPublished(known).limitCurveShowsThisFit());
            assertTrue(newer.withPublished(known).newDataSinceScan());
            assertFalse(newer.withPublished(known).limitCurveShowsThisFit());
            assertEquals(7L, newer.withPublished(known).limitCurveVersion());
        }
    }

    @Test
    void curvesShouldHoldTheWindowsEntriesAndTheFittedYields() {
        List<TopologyFeed.Entry> sent = candidates(3, 3000, 80, 1_000);
        try (TopologyFeed feed = new TopologyFeed(SpectrumWindow.DEFAULT)) {
            feed.send(sent);
            Answers.Fit fit = fitFromStores(feed, PEAK_GEV);
            double n = fit.windowEntries();
            double sb = Arrays.stream(fit.expectedSignalPlusBackground()).sum();
            double b = Arrays.stream(fit.expectedBackgroundOnly()).sum();
            // an extended likelihood with a free normalisation expects as many entries as it sees (d lnL / d norm = 0)
            assertEquals(n, sb, 1e-6 * n);
            assertEquals(n, b, 1e-6 * n);
            // the signal+background curve is the fitted signal (unscaled, its share inside the window) plus the background
            double signal = fit.signalYield() / fit.yieldScale() * fit.signalFractionInWindow();
            assertEquals(signal + fit.backgroundYield(), sb, 1e-6 * n);
            // the shape is normalised on 60 resolutions; the fit snaps the window to bin edges (0.1 MeV)
            assertEquals(1, fit.signalFractionInWindow(), 1e-3, "signal share in the window");
            // the sampled curves, integrated by the trapezoidal rule, give the same totals
            double[] x = fit.curveReducedMassGeV();
            assertEquals(n, trapezoid(x, fit.curveSignalPlusBackground()) / fit.binWidthGeV(), 2e-3 * n);
            assertEquals(n, trapezoid(x, fit.curveBackgroundOnly()) / fit.binWidthGeV(), 2e-3 * n);
            // the signal+background curve rises above the background-only one at the peak by the fitted signal's height
            int peakBin = binOf(fit.binEdgesGeV(), fit.reducedMassGeV());
            double excess = fit.expectedSignalPlusBackground()[peakBin] - fit.expectedBackgroundOnly()[peakBin];
            double shapeShare = SCAN.windowAt(fit.massGeV()).shape()
                    .probability(fit.binEdgesGeV()[peakBin], fit.binEdgesGeV()[peakBin + 1]);
            assertEquals(fit.signalYield() / fit.yieldScale() * shapeShare, excess, 0.15 * excess);
            // per-bin expectations are the curves' integrals over the bins, by a second integrator
            IterativeLegendreGaussIntegrator adaptive = new IterativeLegendreGaussIntegrator(5, 1e-10, 1e-12);
            MassPointFit direct = SCAN.windowAt(fit.massGeV()).fit(feed.spectra().histogram(SpectrumStore.View.CUMULATIVE, 0,
                    fit.segment(), fit.mlpRange()));
            for (int bin : new int[] {0, peakBin, fit.counts().length - 1}) {
                double lo = fit.binEdgesGeV()[bin];
                double hi = fit.binEdgesGeV()[bin + 1];
                assertEquals(adaptive.integrate(100_000, direct.fittedDensity(true)::applyAsDouble, lo, hi),
                        fit.expectedSignalPlusBackground()[bin], 1e-7 * n);
                assertEquals(adaptive.integrate(100_000, direct.fittedDensity(false)::applyAsDouble, lo, hi),
                        fit.expectedBackgroundOnly()[bin], 1e-7 * n);
            }
        }
    }

    @Test
    void emptyWindowShouldGiveBinsWithoutCurves() {
        try (TopologyFeed feed = new TopologyFeed(SpectrumWindow.DEFAULT)) {
            Answers.Fit fit = fitFromStores(feed, 2.0);
            assertEquals("EMPTY", fit.fitStatus());
            assertEquals(0, fit.windowEntries());
            assertTrue(fit.counts().length > 100);
            assertEquals(null, fit.expectedSignalPlusBackground());
            assertEquals(null, fit.curveBackgroundOnly());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "NaN", "Infinity", "0.1", "9.5", "-3"})
    void badMassShouldBeRejectedNamingTheParameter(String mass) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FITS.requestedMass(Map.of("mass", mass)));
        assertTrue(e.getMessage().startsWith("mass "), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> FITS.requestedMass(Map.of("m", "5")));
        assertTrue(missing.getMessage().startsWith("mass "), missing.getMessage());
    }

    @Test
    void massesAtTheEdgesOfTheScanRangeAreTheFirstAndLastTestMass() {
        List<Double> masses = SCAN.masses();
        assertEquals(masses.get(0), FITS.nearestTestMass(FITS.requestedMass(Map.of("mass", "0.212"))));
        assertEquals(masses.get(masses.size() - 1), FITS.nearestTestMass(FITS.requestedMass(Map.of("mass", "9"))));
        // inside the J/psi veto: a neighbour outside it
        double jpsi = FITS.nearestTestMass(3.095);
        assertTrue(jpsi < 3.07 || jpsi > 3.12, "test mass " + jpsi);
    }

    @Test
    void segmentOfEveryTestMassShouldBeTheSegmentThatScansIt() {
        SegmentScan segmentScan = new SegmentScan(MassSegments.DEFAULT, SCAN);
        int checked = 0;
        for (int s = 0; s < MassSegments.DEFAULT.count(); s++) {
            for (double m : segmentScan.masses(s)) {
                assertEquals(s, MassSegments.DEFAULT.holding(m), "test mass " + m);
                checked++;
            }
        }
        assertEquals(SCAN.masses().size(), checked);
    }

    private static double trapezoid(double[] x, double[] y) {
        double sum = 0;
        for (int i = 1; i < x.length; i++) {
            sum += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return sum;
    }

    private static int binOf(double[] edges, double x) {
        int i = Arrays.binarySearch(edges, x);
        return i >= 0 ? i : -i - 2;
    }
}
