package org.fourmu.physics.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.limits.AsymptoticCls;
import org.fourmu.physics.limits.CountingLimit;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.spectrum.Histogram;
import org.junit.jupiter.api.Test;

class FitScanTest {

    private static final FitScan SCAN = FitScan.paper(SignalShapeModel.paperDefault());

    @Test
    void scanStepsByTheResolutionAndSkipsTheJpsi() {
        List<Double> masses = SCAN.masses();
        // the paper reports 2315 fits with its resolution curve; ours, read off its quoted numbers, is close
        assertTrue(masses.size() > 2000 && masses.size() < 2700, "fits: " + masses.size());
        assertEquals(0.212, masses.get(0), 1e-12);
        assertTrue(masses.stream().noneMatch(m -> m > 3.07 && m < 3.12));
        for (int i = 1; i < masses.size(); i++) {
            double step = CandidateBuilder.reducedMass(masses.get(i)) - CandidateBuilder.reducedMass(masses.get(i - 1));
            if (!(masses.get(i - 1) < 3.07 && masses.get(i) > 3.12)) {
                assertEquals(SCAN.shapes().resolutionGeV(masses.get(i - 1)), step, 1e-9);
            }
        }
    }

    @Test
    void injectedSignalStandsOutOfABackgroundOnlySegment() {
        Histogram h = Histogram.reducedMass();
        UniformRandomProvider rng = RandomStreams.forKeys(4, 0);
        for (int i = 0; i < 20000; i++) {
            h.fill(4.8 + 1.0 * rng.nextDouble());
        }
        double mass = 5.307;
        double reduced = CandidateBuilder.reducedMass(mass);
        var shape = SCAN.shapes().shape(mass, reduced, reduced - 1, reduced + 1);
        double peak = shape.density(reduced) * 1.01;
        int added = 0;
        while (added < 120) {
            double x = reduced - 0.05 + 0.1 * rng.nextDouble();
            if (rng.nextDouble() * peak < shape.density(x)) {
                h.fill(x);
                added++;
            }
        }
        List<Double> masses = SCAN.masses().stream().filter(m -> m > 5.0 && m < 5.6).toList();
        List<FitScan.Point> points = SCAN.scan(masses, range -> h, false);
        FitScan.Point best = points.stream().max((a, b) -> Double.compare(a.localSignificance(), b.localSignificance())).orElseThrow();
        assertEquals(mass, best.massGeV(), 2 * best.resolutionGeV());
        assertTrue(best.localSignificance() > 4, "Z = " + best.localSignificance());
        List<FitScan.Point> parallel = SCAN.scan(masses, range -> h, true);
        for (int i = 0; i < points.size(); i++) {
            assertEquals(points.get(i).signalYield(), parallel.get(i).signalYield(), 0.0, "parallel scan gives the same numbers");
            assertEquals(points.get(i).yieldUpperLimit(), parallel.get(i).yieldUpperLimit(), 0.0);
        }
        for (FitScan.Point p : points) {
            assertTrue(p.yieldUpperLimit() > 0);
        }
    }

    /**
     * A counting experiment is a fit with one bin: n candidates on a known background b give the
     * yield n - b with sigma_b^2 = b. The scan's asymptotic limits against the exact Poisson CLs
     * limits (CountingLimit, A. L. Read's CLs with the regularised incomplete gamma function), from b
     * = 0 (n = 1: 3.89 events, the PDG table) to b = 100. Excesses and n = b: within 7%, except 1-3
     * events on b <= 1, where the Gaussian lower tail of the signal+background count is heavier than
     * a Poisson one of 1-3 events: down to 0.86 times (n = 1, b = 0: 3.34 events). Deficits: never
     * below the exact limit, and conservative where the Gaussian tails are poor (the signal+background
     * Gaussian reaches deficits a Poisson count cannot): 1.69 times for 0 on 3, 1.27 for 5 on 10,
     * 1.12 for 22 on 30, 1.06 for 85 on 100.
     */
    @Test
    void limitsFollowThePoissonCountingLimits() {
        FitScan bare = new FitScan(SCAN.shapes(), SCAN.lowGeV(), SCAN.highGeV(), SCAN.windowInResolutions(),
                SCAN.vetoLowGeV(), SCAN.vetoHighGeV(), 1.0, m -> 0, 0.9);
        AsymptoticCls asymptotic = new AsymptoticCls(0.9);
        // n, b, lowest and highest ratio to the exact limit
        double[][] cases = {{1, 0, 0.85, 1}, {2, 0, 0.85, 1}, {3, 0, 0.85, 1}, {2, 1, 0.85, 1}, {1, 1, 0.93, 1.07},
            {5, 0, 0.93, 1.07}, {3, 3, 0.93, 1.07}, {5, 3, 0.93, 1.07}, {10, 10, 0.93, 1.07}, {13, 10, 0.93, 1.07},
            {16, 10, 0.93, 1.07}, {30, 30, 0.93, 1.07}, {35, 30, 0.93, 1.07}, {40, 30, 0.93, 1.07}, {100, 100, 0.93, 1.07},
            {110, 100, 0.93, 1.07}, {120, 100, 0.93, 1.07},
            {0, 3, 1, 1.75}, {1, 3, 1, 1.75}, {5, 10, 1, 1.3}, {7, 10, 1, 1.3}, {22, 30, 1, 1.15}, {25, 30, 1, 1.15},
            {85, 100, 1, 1.1}, {92, 100, 1, 1.1}};
        for (double[] c : cases) {
            long n = (long) c[0];
            double b = c[1];
            double exact = CountingLimit.upperLimit(n, b, 0.9);
            double ratio = bare.limits(1.0, n - b, Math.sqrt(b), asymptotic).observed() / exact;
            assertTrue(ratio >= c[2] && ratio <= c[3], "n = " + n + ", b = " + b + ": " + ratio + " of " + exact);
        }
        assertEquals(3.34, bare.limits(1.0, 1, 0, asymptotic).observed(), 0.005);
        assertEquals(6.73, bare.limits(1.0, 0, Math.sqrt(10), asymptotic).observed(), 0.005);
        // no background and no candidate: the limit is never below the CLs bound -ln(0.1) = 2.30
        assertTrue(bare.limits(1.0, -0.5, 0.3, asymptotic).observed() >= CountingLimit.upperLimit(0, 0, 0.9) - 1e-9);
    }
}
