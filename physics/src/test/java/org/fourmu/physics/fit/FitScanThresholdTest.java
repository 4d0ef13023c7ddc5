package org.fourmu.physics.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.limits.BackgroundSpectrum;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.spectrum.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The scan's first masses above the dimuon threshold, on a background shaped like the four-muon
 * spectrum there. The pair's phase space makes it vanish like M_R^2 at threshold (velocity M_R/M
 * times the Jacobian dM/dM_R = M_R/M), the acceptance steepens it: the 178 fb^-1 four-muon-only
 * replay has no candidate below a reduced mass of 22 MeV and 15, 56 and 85 in the next three 22
 * MeV intervals. The density M_R^3 / (M_R^2 + (40 MeV)^2) gives 1 expected below 22 MeV and
 * 15 : 39 : 66. The first test mass (0.212 GeV, M_R = 17 MeV, resolution 2 MeV) has 1.9 expected
 * candidates within two resolutions of its peak, the third 3.2, and ~150 in its fit window.
 */
class FitScanThresholdTest {

    private static final FitScan SCAN = FitScan.paper(SignalShapeModel.paperDefault());
    /** The same scan without the resolution correction and the efficiency systematic: toys know the true yield in the fit's own terms. */
    private static final FitScan BARE = new FitScan(SCAN.shapes(), SCAN.lowGeV(), SCAN.highGeV(), SCAN.windowInResolutions(),
            SCAN.vetoLowGeV(), SCAN.vetoHighGeV(), 1.0, m -> 0, SCAN.cl());
    private static final BackgroundSpectrum FOUR_MUON_NEAR_THRESHOLD =
            new BackgroundSpectrum(x -> x * x * x / (x * x + 0.040 * 0.040), 0, 0.2, 1500);
    private static final List<Double> FIRST = SCAN.masses().subList(0, 3);

    private static Histogram toy(long toy) {
        return FOUR_MUON_NEAR_THRESHOLD.draw(21, toy);
    }

    /**
     * Resolution and efficiency are the same at the first three masses, two resolutions apart, and
     * the background under the peak falls toward threshold: a search with less background under
     * the same peak is at least as sensitive, so the first mass's yield error and limits can be
     * smaller than the third's, not larger; without an excess (fitted yield not positive) the
     * observed limit is at most about the median expected one. The factor 1.5 leaves room for the
     * observed fluctuations. The curvature of the observed likelihood gave the first mass errors and limits
     * of tens of events in the experiments without a candidate under its peak (one in seven).
     */
    @Test
    void firstMassAboveThresholdIsNoLessSensitiveThanTheThird() {
        for (long t = 0; t < 20; t++) {
            Histogram h = toy(t);
            List<FitScan.Point> p = SCAN.scan(FIRST, range -> h, false);
            FitScan.Point first = p.get(0);
            FitScan.Point third = p.get(2);
            String where = "toy " + t + ": first " + describe(first) + ", third " + describe(third);
            assertEquals(MassPointFit.Status.CONVERGED, first.status(), where);
            assertTrue(first.signalError() <= 1.5 * third.signalError(), "yield error, " + where);
            assertTrue(first.expectedYieldLimits()[2] <= 1.5 * third.expectedYieldLimits()[2], "expected median limit, " + where);
            if (first.signalYield() <= 0) {
                assertTrue(first.yieldUpperLimit() <= 1.5 * third.expectedYieldLimits()[2], "observed limit without an excess, " + where);
            }
        }
    }

    private static String describe(FitScan.Point p) {
        return String.format("s = %.2f +- %.2f, UL %.2f, median %.2f (%d entries)", p.signalYield(), p.signalError(),
                p.yieldUpperLimit(), p.expectedYieldLimits()[2], p.entries());
    }

    /**
     * A Poisson mean is never negative, in an empty bin as in a full one. The likelihood only holds
     * the model positive where there are entries, so below the first entries the fit must hold it
     * there itself: the background-only fit at the first three masses stays non-negative across
     * the whole window, to 3e-4 of its mean density (between check points half a resolution
     * apart a background tangent to zero dips by ~1e-4). With check points at the window's
     * quarters only, the quadratic dipped to -0.1% to -1.5% of its mean density here (-3% in the
     * replay), and the Asimov data set built from it had negative counts.
     */
    @Test
    void backgroundFitIsNonNegativeBelowTheFirstEntries() {
        for (double mass : FIRST) {
            FitScan.Window w = SCAN.windowAt(mass);
            for (long t = 0; t < 10; t++) {
                MassPointFit fit = w.fit(toy(t));
                DoubleUnaryOperator background = fit.fittedDensity(false);
                double mean = fit.entries() / (fit.windowHighGeV() - fit.windowLowGeV());
                for (double x = fit.windowLowGeV(); x <= fit.windowHighGeV(); x += 1e-5) {
                    assertTrue(background.applyAsDouble(x) >= -3e-4 * mean, "mass " + mass + ", toy " + t + ": background density "
                            + background.applyAsDouble(x) + " per GeV at " + x + " GeV (mean " + mean + ")");
                }
                for (double c : w.bins(toy(t)).backgroundOnlyExpectation()) {
                    assertTrue(c >= 0, "mass " + mass + ", toy " + t + ": Asimov count " + c);
                }
            }
        }
    }

    /**
     * Coverage at 0.212 GeV: signals of 2.5, 4 and 8 events (about the median expected limit, and
     * above) drawn on the threshold background, 300 experiments each; the 90% CL CLs upper limit
     * must lie above the true yield in at least 90% of them (CLs over-covers by construction),
     * within three binomial standard errors (1.7% each). And the reported error describes the
     * spread of the fitted yield for 8 events: the mean error within 15% of the yields' standard
     * deviation (the curvature error: 4.4 against 3.5, inflated where no candidate fell under the
     * peak). The yield itself comes out 12% low here: the quadratic background does not follow
     * the M_R^3 onset across a window clipped at M_R = 0 (the same before and after the change).
     */
    @Test
    void limitsCoverAndErrorsDescribeTheYieldAtTheFirstMass() {
        double mass = FIRST.get(0);
        FitScan.Window w = BARE.windowAt(mass);
        int toys = 300;
        for (double injected : new double[] {2.5, 4, 8}) {
            int covered = 0;
            double[] yields = new double[toys];
            double errorSum = 0;
            for (int t = 0; t < toys; t++) {
                UniformRandomProvider rng = RandomStreams.forKeys(33, (long) (injected * 1000) + t);
                Histogram h = Histogram.reducedMass();
                FOUR_MUON_NEAR_THRESHOLD.fill(h, rng, w.lowGeV(), w.highGeV());
                PullStudy.addSignal(h, rng, w.shape(), injected, w.lowGeV(), w.highGeV());
                FitScan.Point p = BARE.scan(List.of(mass), range -> h, false).get(0);
                if (p.yieldUpperLimit() >= injected) {
                    covered++;
                }
                yields[t] = p.signalYield();
                errorSum += p.signalError();
            }
            double coverage = (double) covered / toys;
            assertTrue(coverage >= 0.9 - 3 * Math.sqrt(0.9 * 0.1 / toys), "coverage " + coverage + " for " + injected + " events");
            if (injected == 8) {
                double mean = Arrays.stream(yields).average().orElseThrow();
                double rms = Math.sqrt(Arrays.stream(yields).map(y -> (y - mean) * (y - mean)).sum() / (toys - 1));
                assertEquals(1, errorSum / toys / rms, 0.15, "mean error " + errorSum / toys + " over the yields' standard deviation " + rms);
            }
        }
    }
}
