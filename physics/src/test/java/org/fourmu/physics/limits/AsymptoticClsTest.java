package org.fourmu.physics.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.fourmu.physics.random.RandomStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AsymptoticClsTest {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    private static final AsymptoticCls CLS = new AsymptoticCls(0.9);

    static Stream<Arguments> constantSigmaCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (double sigma : new double[] {1, 4}) {
            for (double muHat : new double[] {-8, -3, -0.5, 0, 0.5, 3}) {
                for (double mu : new double[] {1, 5, 10, 20}) {
                    b.add(Arguments.of(sigma, muHat, mu));
                }
            }
        }
        return b.build();
    }

    /**
     * Cowan, Cranmer, Gross, Vitells, EPJC 71 (2011) 1554, eq. 66: the distribution of q~_mu under mu'
     * has two branches, F = Phi(sqrt q~ - (mu - mu')/sigma) for q~ <= q_A = mu^2/sigma^2 and
     * F = Phi((q~ - (mu^2 - 2 mu mu')/sigma^2) / (2 mu/sigma)) above; p_mu = 1 - F(q~|mu),
     * 1 - p_b = 1 - F(q~|0). A deficit (muHat < 0) gives q~ > q_A.
     */
    @ParameterizedTest(name = "sigma = {0}, muHat = {1}, mu = {2}")
    @MethodSource("constantSigmaCases")
    void clsFollowsBothBranchesOfTheAsymptoticDistributionOfQTilde(double sigma, double muHat, double mu) {
        double q = AsymptoticCls.qTilde(mu, muHat, sigma);
        double pMu = qTildeSurvival(q, mu, mu, sigma);
        double oneMinusPb = qTildeSurvival(q, mu, 0, sigma);
        double expected = muHat > mu ? 1 : pMu / oneMinusPb;
        assertEquals(expected, CLS.cls(mu, muHat, sigma, 0), 1e-9 * expected);
    }

    /** 1 - F(q~_mu | mu') with F of Cowan et al. eq. 66, as a survival probability (deep tails). */
    private static double qTildeSurvival(double q, double mu, double muPrime, double sigma) {
        double qa = mu * mu / (sigma * sigma);
        if (q <= qa) {
            return NORMAL.survivalProbability(Math.sqrt(q) - (mu - muPrime) / sigma);
        }
        return NORMAL.survivalProbability((q - (mu * mu - 2 * mu * muPrime) / (sigma * sigma)) / (2 * mu / sigma));
    }

    @Test
    void deficitMatchesTheNumbersOfTheBug() {
        // sigma = 4, muHat = -8, mu = 1: Phi(-9/4) / Phi(-2) = 0.01222 / 0.02275; the q~ <= q_A form gave 0.696
        assertEquals(0.537, CLS.cls(1, -8, 4, 0), 0.001);
        // mu = 6, muHat = -4, sigma = 4: 10^6 Gaussian toys pushed through q~ gave 0.039
        assertEquals(0.039, CLS.cls(6, -4, 4, 0), 0.001);
    }

    /**
     * Toys: fitted yields drawn as Gaussians under the tested mu (width sigma_eff(mu)) and under
     * background only (width sigma(0)), each pushed through q~_mu; CLs = P(q >= q_obs | mu) /
     * P(q >= q_obs | 0). The yield's standard deviation grows with mu as sigma(mu)^2 = sigma_b^2 + mu
     * (the scan's), so p_b must be taken at sigma(0), not at sigma(mu).
     */
    @ParameterizedTest(name = "sigma_b = {0}, Poisson term x {1}, syst = {2}, mu = {3}, muHat = {4}")
    @CsvSource({"2, 1, 0, 8, 1", "2, 1, 0, 8, 4", "2, 1, 0.11, 10, -2", "3, 1, 0.11, 9, 4", "1, 1, 0.11, 6, -1", "4, 0, 0, 6, -4"})
    void clsMatchesGaussianToysWithAYieldDependentWidth(double sigmaB, double poisson, double syst, double mu, double muHat) {
        DoubleUnaryOperator sigmaAt = m -> Math.sqrt(sigmaB * sigmaB + poisson * Math.max(m, 0));
        double widthMu = Math.sqrt(Math.pow(sigmaAt.applyAsDouble(mu), 2) + Math.pow(mu * syst, 2));
        double width0 = sigmaAt.applyAsDouble(0);
        double qObserved = AsymptoticCls.qTilde(mu, muHat, widthMu);
        int n = 1_000_000;
        UniformRandomProvider rng = RandomStreams.forKeys(20261130L, (long) (mu * 100 + muHat * 10 + sigmaB));
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        long tailMu = 0;
        long tail0 = 0;
        for (int i = 0; i < n; i++) {
            if (AsymptoticCls.qTilde(mu, mu + widthMu * gauss.sample(), widthMu) >= qObserved) {
                tailMu++;
            }
            if (AsymptoticCls.qTilde(mu, width0 * gauss.sample(), widthMu) >= qObserved) {
                tail0++;
            }
        }
        double toys = (double) tailMu / tail0;
        double relError = Math.sqrt(1.0 / tailMu + 1.0 / tail0);
        double asymptotic = CLS.cls(mu, muHat, sigmaAt, syst);
        assertEquals(toys, asymptotic, 4 * relError * toys, "toys " + toys + " +- " + relError * toys);
    }

    /** The expected limit at N sigma is the observed limit for the fitted yield N sigma(0). */
    @ParameterizedTest(name = "N = {0}, syst = {1}")
    @CsvSource({"-2, 0", "-1, 0", "0, 0", "1, 0", "2, 0", "-2, 0.11", "-1, 0.11", "0, 0.11", "1, 0.11", "2, 0.11"})
    void expectedLimitIsTheObservedLimitAtTheBackgroundQuantile(int nSigma, double syst) {
        DoubleUnaryOperator sigmaAt = m -> Math.sqrt(9 + Math.max(m, 0));
        double expected = CLS.expectedLimit(sigmaAt, syst, nSigma);
        assertEquals(CLS.upperLimit(nSigma * 3.0, sigmaAt, syst), expected, 1e-7 * expected);
    }

    /**
     * Second method for the band: observed limits of background-only Gaussian toys (fitted yield
     * N(0, sigma(0))), their quantiles at Phi(N) against the expected limits at N.
     */
    @Test
    void expectedBandIsTheQuantilesOfBackgroundOnlyLimits() {
        DoubleUnaryOperator sigmaAt = m -> Math.sqrt(4 + Math.max(m, 0));
        double syst = 0.11;
        int n = 20_000;
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(RandomStreams.forKeys(20261130L, 7));
        double[] limits = new double[n];
        for (int i = 0; i < n; i++) {
            limits[i] = CLS.upperLimit(2 * gauss.sample(), sigmaAt, syst);
        }
        Arrays.sort(limits);
        double[] band = CLS.expectedBand(sigmaAt, syst);
        for (int k = 0; k < 5; k++) {
            double quantile = limits[(int) (NORMAL.cumulativeProbability(k - 2) * n)];
            assertEquals(quantile, band[k], 0.02 * quantile, "N = " + (k - 2));
        }
        assertTrue(band[0] < band[1] && band[1] < band[2] && band[2] < band[3] && band[3] < band[4]);
    }

    /**
     * With sigma(mu)^2 = sigma_b^2 + mu and 1-2 background events under the peak the root of CLs = 0.1
     * falls as the fitted yield rises from a deficit (sigma_b = 0.64: 6.37 events at -2 sigma_b, 3.16 at
     * 0); the limit never does, and the band stays ordered. Where the root rises (sigma_b = 6.9 over the
     * whole band) the limit is the root: CLs = 0.1 there.
     */
    @ParameterizedTest(name = "sigma_b = {0}")
    @CsvSource({"0.1", "0.64", "1.25", "2", "3", "6.9"})
    void limitNeverFallsAsTheFittedYieldRises(double sigmaB) {
        DoubleUnaryOperator sigmaAt = m -> Math.sqrt(sigmaB * sigmaB + Math.max(m, 0));
        double previous = 0;
        for (double z = -3; z <= 3; z += 0.05) {
            double limit = CLS.upperLimit(z * sigmaB, sigmaAt, 0.11);
            assertTrue(limit >= previous * (1 - 1e-9), "muHat = " + z + " sigma_b: " + limit + " < " + previous);
            previous = limit;
        }
        double[] band = CLS.expectedBand(sigmaAt, 0.11);
        for (int k = 0; k < 4; k++) {
            assertTrue(band[k] <= band[k + 1] * (1 + 1e-9), java.util.Arrays.toString(band));
        }
        if (sigmaB > 6) {
            // no deficit within the band makes the root fall: it is the limit itself, CLs = 0.1 there
            for (int n = -2; n <= 2; n++) {
                assertEquals(0.1, CLS.cls(band[n + 2], n * sigmaB, sigmaAt, 0.11), 1e-8);
            }
        }
    }

    @Test
    void logPhiFollowsTheTailWherePhiUnderflows() {
        for (double x : new double[] {-0.5, -1.5, -5, -20, -37}) {
            assertEquals(Math.log(NORMAL.cumulativeProbability(x)), AsymptoticCls.logPhi(x), 1e-12 * Math.abs(Math.log(NORMAL.cumulativeProbability(x))));
        }
        // Mills ratio: Phi(x) ~ phi(x) / |x| (1 - 1/x^2 + 3/x^4) for large |x|
        double x = -60;
        double mills = -0.5 * x * x - 0.5 * Math.log(2 * Math.PI) - Math.log(-x) + Math.log1p(-1 / (x * x) + 3 / Math.pow(x, 4));
        assertEquals(mills, AsymptoticCls.logPhi(x), 1e-9 * Math.abs(mills));
        // a deficit of 50 background standard deviations still gives a finite limit
        assertTrue(Double.isFinite(CLS.upperLimit(-5, 0.1, 0)));
    }
}
