package org.fourmu.physics.limits;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * CLs upper limits from the asymptotic distribution of the test statistic q~_mu (Cowan,
 * Cranmer, Gross, Vitells, EPJC 71 (2011) 1554) in the Wald approximation: the fitted yield is
 * Gaussian with width sigma_eff(mu)^2 = sigma^2 + (mu * relSyst)^2, where a Gaussian-constrained
 * relative uncertainty on the efficiency is profiled analytically (it scales the signal). Good at
 * large counts; {@link ToyCls} checks it where counts are small.
 */
public final class AsymptoticCls {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private final double cl;

    public AsymptoticCls(double cl) {
        if (!(cl > 0 && cl < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + cl);
        }
        this.cl = cl;
    }

    static double sigmaEff(double sigma, double relSyst, double mu) {
        return Math.sqrt(sigma * sigma + mu * mu * relSyst * relSyst);
    }

    /** q~_mu for fitted yield muHat with uncertainty sigma (Cowan et al. eq. 16). */
    static double qTilde(double mu, double muHat, double sigma) {
        if (muHat > mu) {
            return 0;
        }
        if (muHat >= 0) {
            return (mu - muHat) * (mu - muHat) / (sigma * sigma);
        }
        return (mu * mu - 2 * mu * muHat) / (sigma * sigma);
    }

    /** CLs at signal mu: (1 - Phi(sqrt q~)) / Phi(sqrt q_A - sqrt q~), q_A = mu^2 / sigma^2. */
    public double cls(double mu, double muHat, double sigma, double relSyst) {
        return cls(mu, muHat, m -> sigma, relSyst);
    }

    /** As {@link #cls(double, double, double, double)} with the yield's standard deviation a function of mu. */
    public double cls(double mu, double muHat, DoubleUnaryOperator sigmaAt, double relSyst) {
        double s = sigmaEff(sigmaAt.applyAsDouble(mu), relSyst, mu);
        double q = qTilde(mu, muHat, s);
        double qa = mu * mu / (s * s);
        double sq = Math.sqrt(q);
        double pSb = NORMAL.survivalProbability(sq);
        double oneMinusPb = NORMAL.cumulativeProbability(Math.sqrt(qa) - sq);
        return oneMinusPb <= 0 ? 1 : pSb / oneMinusPb;
    }

    /** The observed upper limit on the yield. */
    public double upperLimit(double muHat, double sigma, double relSyst) {
        return upperLimit(muHat, m -> sigma, relSyst);
    }

    /**
     * The observed upper limit with the yield's standard deviation a function of mu, e.g. the
     * Asimov sigma_A(mu) = mu / sqrt(q_mu,A) of Cowan et al. (eq. 30), which grows with mu where
     * the signal adds to a small background.
     */
    public double upperLimit(double muHat, DoubleUnaryOperator sigmaAt, double relSyst) {
        double alpha = 1 - cl;
        double sigma = sigmaAt.applyAsDouble(Math.max(muHat, 0));
        double hi = Math.max(muHat, 0) + 10 * sigma;
        while (cls(hi, muHat, sigmaAt, relSyst) > alpha) {
            hi *= 2;
        }
        return new BrentSolver(1e-12, 1e-9 * sigma).solve(10_000, mu -> cls(mu, muHat, sigmaAt, relSyst) - alpha, 1e-12 * sigma, hi);
    }

    /**
     * The expected limit under the background-only hypothesis at N standard deviations:
     * mu_up+N = sigma_eff (Phi^-1(1 - alpha Phi(N)) + N) (Cowan et al. eq. 89), with sigma_eff taken
     * at the limit itself (iterated).
     */
    public double expectedLimit(double sigma, double relSyst, double nSigma) {
        return expectedLimit(m -> sigma, relSyst, nSigma);
    }

    /**
     * As {@link #expectedLimit(double, double, double)} with the yield's standard deviation a
     * function of mu: the root of mu = sigma_eff(mu) factor by Brent's method (a fixed-point
     * iteration converges slowly when sigma grows with mu). Infinite if the systematic alone keeps
     * every mu allowed (factor relSyst >= 1).
     */
    public double expectedLimit(DoubleUnaryOperator sigmaAt, double relSyst, double nSigma) {
        double alpha = 1 - cl;
        double factor = NORMAL.inverseCumulativeProbability(1 - alpha * NORMAL.cumulativeProbability(nSigma)) + nSigma;
        double sigma0 = sigmaAt.applyAsDouble(0);
        if (relSyst == 0 && sigmaAt.applyAsDouble(sigma0 * factor) == sigma0) {
            return sigma0 * factor; // constant sigma, no systematic: closed form
        }
        DoubleUnaryOperator excess = mu -> mu - sigmaEff(sigmaAt.applyAsDouble(mu), relSyst, mu) * factor;
        double hi = 2 * sigma0 * factor;
        for (int i = 0; excess.applyAsDouble(hi) <= 0; i++) {
            if (i > 60) {
                return Double.POSITIVE_INFINITY;
            }
            hi *= 2;
        }
        return new BrentSolver(1e-14, 1e-10 * sigma0).solve(10_000, excess::applyAsDouble, 0, hi);
    }

    /** Expected limits at -2, -1, 0, +1, +2 sigma. */
    public double[] expectedBand(double sigma, double relSyst) {
        return expectedBand(m -> sigma, relSyst);
    }

    /** Expected limits at -2, -1, 0, +1, +2 sigma with the yield's standard deviation a function of mu. */
    public double[] expectedBand(DoubleUnaryOperator sigmaAt, double relSyst) {
        double[] out = new double[5];
        for (int k = 0; k < 5; k++) {
            out[k] = expectedLimit(sigmaAt, relSyst, k - 2);
        }
        return out;
    }
}
