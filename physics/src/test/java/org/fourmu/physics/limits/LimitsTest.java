package org.fourmu.physics.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitsTest {

    /** PDG, Statistics review, Table 40.3 (90% CL upper limits for a Poisson signal with b = 0). */
    @ParameterizedTest(name = "n = {0}: {1}")
    @CsvSource({"0, 2.30", "1, 3.89", "2, 5.32", "3, 6.68", "4, 7.99"})
    void countingLimitsWithoutBackgroundMatchThePdgTable(long n, double pdg) {
        assertEquals(pdg, CountingLimit.upperLimit(n, 0, 0.9), 0.005);
    }

    /** For one counting channel CLs equals the flat-prior Bayesian limit (Helene): a second method. */
    @ParameterizedTest(name = "n = {0}, b = {1}")
    @CsvSource({"0, 1.5", "3, 2.0", "7, 4.2", "12, 10.0"})
    void countingClsEqualsFlatPriorBayesianLimit(long n, double b) {
        IterativeLegendreGaussIntegrator quad = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-13);
        double scale = n + b + 10 * Math.sqrt(n + b + 1) + 20;
        // posterior for s >= 0 with a flat prior: proportional to (s + b)^n exp(-(s + b))
        java.util.function.DoubleUnaryOperator like = s -> Math.exp(n * Math.log(s + b) - (s + b) - (n * Math.log(n + b + 1e-300) - (n + b)));
        double total = quad.integrate(1_000_000, like::applyAsDouble, 0, scale);
        double bayes = new BrentSolver(1e-10).solve(1000, u -> quad.integrate(1_000_000, like::applyAsDouble, 0, u) / total - 0.9, 1e-6, scale);
        assertEquals(bayes, CountingLimit.upperLimit(n, b, 0.9), 1e-4 * bayes);
    }

    @Test
    void asimovSignificanceMatchesTheClosedForm() {
        // Z0 = sqrt(2((s + b) ln(1 + s/b) - s)) (Cowan et al. eq. 97) from the counting likelihood ratio on Asimov data
        double s = 12;
        double b = 40;
        double n = s + b;
        double q0 = 2 * (n * Math.log(n / b) - (n - b));
        assertEquals(Math.sqrt(2 * ((s + b) * Math.log(1 + s / b) - s)), Math.sqrt(q0), 1e-12);
    }

    @Test
    void asymptoticLimitOfAGaussianYieldMatchesTheKnownMedian() {
        AsymptoticCls cls = new AsymptoticCls(0.9);
        // background only, muHat = 0: median expected limit = sigma * Phi^-1(1 - 0.1 * 0.5) = 1.645 sigma (CLs)
        assertEquals(1.6449, cls.upperLimit(0, 10, 0) / 10, 1e-3);
        assertEquals(1.6449, cls.expectedLimit(10, 0, 0) / 10, 1e-3);
        double[] band = cls.expectedBand(10, 0);
        assertTrue(band[0] < band[1] && band[1] < band[2] && band[2] < band[3] && band[3] < band[4]);
        assertTrue(cls.upperLimit(0, 10, 0.1) > cls.upperLimit(0, 10, 0), "systematics weaken the limit");
        assertTrue(cls.upperLimit(25, 10, 0) > cls.upperLimit(0, 10, 0), "an excess weakens the limit");
    }

    @Test
    void grossVitellsReproducesTheirExample() {
        // PHYSICS.md: Z = 5 with 2 up-crossings at 0.5 sigma gives trials factor - 1 = 29.46
        double trials = GlobalSignificance.globalPValue(5, 2, 0.5) / GlobalSignificance.localPValue(5);
        assertEquals(29.46, trials - 1, 0.05);
        assertEquals(3, GlobalSignificance.upCrossings(new double[] {0, 1, 0, 2, -1, 0.6, 0.4}, 0.5));
    }

    @Test
    void estimateFindsTheLargestExcessAndCountsAtTheReferenceLevel() {
        double[] curve = {-0.5, 1.5, 0.2, 2.0, 3.1, 0.4, -1.0, 1.2, 0.9};
        GlobalSignificance.Estimate e = GlobalSignificance.estimate(curve);
        assertEquals(4, e.index());
        assertEquals(3.1, e.localSignificance(), 0.0);
        assertEquals(3, e.upCrossings()); // at 1.0: -0.5 -> 1.5, 0.2 -> 2.0, -1.0 -> 1.2
        assertEquals(GlobalSignificance.globalPValue(3.1, 3, 1.0), e.globalPValue(), 0.0);
        assertEquals(GlobalSignificance.significance(e.globalPValue()), e.globalSignificance(), 0.0);
    }
}
