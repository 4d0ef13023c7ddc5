package org.fourmu.physics.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.MassPointFit;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.spectrum.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToyClsTest {

    private static final FitScan SCAN = FitScan.paper(SignalShapeModel.paperDefault());
    private static final AsymptoticCls ASYMPTOTIC = new AsymptoticCls(0.9);

    /**
     * One bin, no background: q~_mu orders outcomes as the count does, so the toy limit is the
     * counting CLs limit, the PDG table's 2.30 (n = 0) and 3.89 (n = 1). With 4000 toys CLs near 0.1
     * has a standard error of 0.005, i.e. 0.05-0.06 on the limit.
     */
    @ParameterizedTest(name = "n = {0}: PDG {1}")
    @CsvSource({"0, 2.30", "1, 3.89"})
    void countingWithoutBackgroundReproducesThePdgTable(long n, double pdg) {
        ToyCls toys = new ToyCls(BinnedChannel.counting(n, 0), 0, 0.9, 4000, 17);
        double limit = toys.upperLimit();
        assertEquals(pdg, limit, 0.18);
        assertEquals(CountingLimit.upperLimit(n, 0, 0.9), limit, 0.18);
        // no background: every background-only toy sees nothing, so every expected limit is 2.30
        for (double e : toys.expectedBand()) {
            assertEquals(2.30, e, 0.15);
        }
    }

    /**
     * The toy CLs's standard error from its tail counts against the scatter of toy CLs around the
     * exact counting CLs, P(n <= 5 | mu + 10) / P(n <= 5 | 10), over 30 seeds at a deficit (5 on 10,
     * mu at the exact limit, 1000 toys: ~7 signal+background and ~67 background-only toys in the
     * tails): the reported error is not smaller than the scatter, the shared background draws only
     * making the ratio less noisy (seeds 100-129: 0.034 against 0.028).
     */
    @Test
    void clsStandardErrorCoversTheSeedToSeedScatter() {
        long n = 5;
        double b = 10;
        double mu = CountingLimit.upperLimit(n, b, 0.9);
        org.apache.commons.statistics.distribution.PoissonDistribution sb =
                org.apache.commons.statistics.distribution.PoissonDistribution.of(mu + b);
        double exact = sb.cumulativeProbability((int) n)
                / org.apache.commons.statistics.distribution.PoissonDistribution.of(b).cumulativeProbability((int) n);
        double squares = 0;
        double errors = 0;
        int seeds = 30;
        for (int seed = 0; seed < seeds; seed++) {
            ToyCls toys = new ToyCls(BinnedChannel.counting(n, b), 0, 0.9, 1000, 100 + seed);
            squares += Math.pow(toys.cls(mu) - exact, 2);
            errors += toys.clsStandardError(mu);
        }
        double scatter = Math.sqrt(squares / seeds);
        double reported = errors / seeds;
        assertTrue(reported > 0.8 * scatter && reported < 1.8 * scatter, "reported " + reported + ", scatter " + scatter);
    }

    /** With a known background the toy limit is still the counting CLs limit (Read's CLs with n as the statistic). */
    @ParameterizedTest(name = "n = {0}, b = {1}")
    @CsvSource({"3, 2.0", "12, 10.0"})
    void countingWithBackgroundMatchesTheCountingLimit(long n, double b) {
        double limit = new ToyCls(BinnedChannel.counting(n, b), 0, 0.9, 4000, 3).upperLimit();
        double exact = CountingLimit.upperLimit(n, b, 0.9);
        assertEquals(exact, limit, 0.06 * exact);
    }

    /**
     * Many events: the toys' q~_mu follows its asymptotic distribution, so the toy limit with the
     * efficiency systematic profiled equals the asymptotic one with sigma_eff^2 = sigma^2 + (mu
     * relSyst)^2, and the systematic weakens it.
     */
    @Test
    void efficiencySystematicAgreesWithTheAsymptoticProfileAtLargeCounts() {
        // b = 10^4: the signal at the limit is 2% of b, so the Wald approximation (variance b, not s + b) holds to ~1%
        double b = 10_000;
        long n = 10_000;
        double sigma = Math.sqrt(b);
        double withSyst = new ToyCls(BinnedChannel.counting(n, b), 0.3, 0.9, 4000, 5).upperLimit();
        double without = new ToyCls(BinnedChannel.counting(n, b), 0, 0.9, 4000, 5).upperLimit();
        // 4000 toys: p_{s+b} ~ 0.05 known to 7%, the limit to ~3%
        assertEquals(ASYMPTOTIC.upperLimit(0, sigma, 0.3), withSyst, 0.08 * withSyst);
        assertEquals(ASYMPTOTIC.upperLimit(0, sigma, 0), without, 0.08 * without);
        assertTrue(withSyst > 1.05 * without, withSyst + " vs " + without);
    }

    /** A flat background of {@code perWindow} events in the fit window at {@code mass} (reduced mass). */
    private static Histogram flatWindow(double mass, double perWindow, long seed) {
        double reduced = CandidateBuilder.reducedMass(mass);
        double half = 30 * SCAN.shapes().resolutionGeV(mass);
        Histogram h = Histogram.reducedMass();
        UniformRandomProvider rng = RandomStreams.forKeys(seed, 0);
        long events = org.apache.commons.rng.sampling.distribution.PoissonSampler.of(rng, perWindow).sample();
        for (long i = 0; i < events; i++) {
            h.fill(reduced - half + 2 * half * rng.nextDouble());
        }
        return h;
    }

    /** The fit of the observed window and its asymptotic limit and median expected limit (no systematic). */
    private record Asymptotic(MassPointFit.Result fit, double observed, double median) {
        static Asymptotic of(MassPointFit.Window window) {
            MassPointFit.Result fit = window.fit(window.observed()).fit();
            assertTrue(fit.status() == MassPointFit.Status.CONVERGED && fit.signalError() > 0, "fit " + fit);
            return new Asymptotic(fit, ASYMPTOTIC.upperLimit(fit.signalYield(), fit.signalError(), 0),
                    ASYMPTOTIC.expectedLimit(fit.signalError(), 0, 0));
        }
    }

    /**
     * A fit window with ~2000 background events: at the asymptotic observed and median expected
     * limits the toys give CLs = 0.10 within their binomial error (1000 toys: p_{s+b} ~ 0.05-0.07
     * known to ~0.008, so CLs to ~0.015).
     */
    @Test
    void toyAndAsymptoticLimitsAgreeWithALargeBackground() {
        MassPointFit.Window window = SCAN.window(5.0, flatWindow(5.0, 2000, 1));
        Asymptotic a = Asymptotic.of(window);
        ToyCls toys = new ToyCls(window.channel(), 0, 0.9, 1000, 11);
        assertEquals(0.10, toys.cls(a.observed()), 0.045, "observed CLs at the asymptotic limit " + a.observed());
        assertEquals(0.10, toys.expectedCls(a.median(), 0), 0.045, "median CLs at the asymptotic median " + a.median());
        assertEquals(0, toys.failedFits());
    }

    /**
     * A window with ~12 background events, spread over 60 resolutions: the asymptotic limit follows
     * the small curvature error towards zero and comes out near 2 events, which the toys do not
     * exclude (CLs well above 0.10 there); the toy limit is higher and, like any CLs limit, not below
     * the 2.30 events of an empty counting experiment by more than the toy precision.
     */
    @Test
    void toyAndAsymptoticLimitsDisagreeWithAFewEvents() {
        MassPointFit.Window window = SCAN.window(8.9, flatWindow(8.9, 12, 3));
        Asymptotic a = Asymptotic.of(window);
        ToyCls toys = new ToyCls(window.channel(), 0, 0.9, 500, 11);
        double toyLimit = toys.upperLimit();
        assertTrue(toys.cls(a.observed()) > 0.15, "CLs at the asymptotic limit " + a.observed() + ": " + toys.cls(a.observed()));
        assertTrue(toyLimit > 1.3 * a.observed(), toyLimit + " vs asymptotic " + a.observed());
        assertTrue(toyLimit > 2.30 - 0.2, "toy limit " + toyLimit);
    }

    @Test
    void sameSeedGivesTheSameClsAndAnotherSeedAnotherOne() {
        MassPointFit.Window window = SCAN.window(2.0, flatWindow(2.0, 100, 3));
        double a = new ToyCls(window.channel(), 0.11, 0.9, 60, 9).cls(6);
        double b = new ToyCls(window.channel(), 0.11, 0.9, 60, 9).cls(6);
        double c = new ToyCls(window.channel(), 0.11, 0.9, 60, 10).cls(6);
        assertEquals(a, b, 0.0);
        assertTrue(a != c, a + " " + c);
    }
}
