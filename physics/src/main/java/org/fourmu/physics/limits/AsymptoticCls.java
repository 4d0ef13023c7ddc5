package org.fourmu.physics.limits;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.numbers.gamma.Erfcx;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * CLs upper limits from the asymptotic distribution of the test statistic q~_mu (Cowan,
 * Cranmer, Gross, Vitells, EPJC 71 (2011) 1554) in the Wald approximation: under the hypothesis
 * mu' the fitted yield is Gaussian with mean mu' and width sigma_eff(mu')^2 = sigma(mu')^2 +
 * (mu' relSyst)^2, where a Gaussian-constrained relative uncertainty on the efficiency is profiled
 * analytically (it scales the signal). The standard deviation may depend on the hypothesis (a
 * signal adds its own Poisson variance): each p-value takes the width under its own hypothesis.
 * Good at large counts; {@link ToyCls} checks it where counts are small.
 */
public final class AsymptoticCls {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);
    private static final double SQRT2 = Math.sqrt(2);
    private static final double LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    /** Doublings of the upper bracket before a limit is declared infinite (2^200: no finite limit). */
    private static final int MAX_DOUBLINGS = 200;

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

    /**
     * ln Phi(x), accurate far into the lower tail (Phi(-40) underflows a double): there Phi(x) =
     * erfcx(-x / sqrt 2) exp(-x^2 / 2) / 2 with the scaled complementary error function.
     */
    static double logPhi(double x) {
        if (x >= -1) {
            return Math.log(NORMAL.cumulativeProbability(x));
        }
        return Math.log(0.5 * Erfcx.value(-x / SQRT2)) - 0.5 * x * x;
    }

    /** CLs at signal mu for a constant standard deviation sigma of the fitted yield. */
    public double cls(double mu, double muHat, double sigma, double relSyst) {
        return cls(mu, muHat, m -> sigma, relSyst);
    }

    /**
     * CLs = p_mu / (1 - p_b) at signal mu with the yield's standard deviation a function of the true
     * yield. q~_mu falls monotonically with muHat up to muHat = mu (Cowan et al. eq. 16, both
     * branches) and is 0 above, so each p-value is the probability of a fitted yield at most the
     * observed one under its own hypothesis: p_mu = Phi((muHat - mu) / sigma_eff(mu)), 1 - p_b =
     * Phi(muHat / sigma(0)), and CLs = 1 for muHat > mu. For a constant sigma this is Cowan et al.
     * eqs. 65-66 (both branches, q~ <= q_A and q~ > q_A). Capped at 1.
     */
    public double cls(double mu, double muHat, DoubleUnaryOperator sigmaAt, double relSyst) {
        if (muHat > mu) {
            return 1;
        }
        double logPMu = logPhi((muHat - mu) / sigmaEff(sigmaAt.applyAsDouble(mu), relSyst, mu));
        double logOneMinusPb = logPhi(muHat / sigmaAt.applyAsDouble(0));
        double ratio = Math.exp(logPMu - logOneMinusPb);
        return ratio < 1 ? ratio : 1; // also a NaN (0/0: muHat = 0 with sigma(0) = 0) counts as no exclusion
    }

    /** The observed upper limit on the yield. */
    public double upperLimit(double muHat, double sigma, double relSyst) {
        return upperLimit(muHat, m -> sigma, relSyst);
    }

    /**
     * The observed upper limit with the yield's standard deviation a function of mu, e.g. the
     * Asimov sigma_A(mu) = mu / sqrt(q_mu,A) of Cowan et al. (eq. 30), or sigma_b^2 + mu where the
     * signal adds its own Poisson variance to a small background: the root of CLs(mu) = 1 - CL, but
     * never above the limit of a larger fitted yield. With sigma growing with mu that root can fall
     * as muHat rises: at 1-2 background events under the peak the Gaussian under signal reaches
     * deficits a Poisson count cannot, so a deficit looks more like signal than like background (at
     * sigma(mu)^2 = 0.4 + mu the root is 3.16 events at muHat = 0, 3.93 at -1 sigma(0), 6.37 at -2).
     * A smaller fitted yield is never more signal-like, as in the exact Poisson CLs limit, which rises
     * with the count; so the limit is the smallest root among fitted yields at or above muHat, and
     * the expected limits, the roots at background-only quantiles of muHat, stay ordered. Infinite if
     * no mu reaches CLs = 1 - CL (a deficit so deep that only the systematic's spread at large mu
     * explains it).
     */
    public double upperLimit(double muHat, DoubleUnaryOperator sigmaAt, double relSyst) {
        return smallestAtOrAbove(muHat, root(muHat, sigmaAt, relSyst), sigmaAt, relSyst);
    }

    /** The root of CLs(mu) = 1 - CL for fitted yield muHat (infinite if CLs stays above). */
    private double root(double muHat, DoubleUnaryOperator sigmaAt, double relSyst) {
        double alpha = 1 - cl;
        double sigma = sigmaAt.applyAsDouble(Math.max(muHat, 0));
        double hi = Math.max(muHat, 0) + 10 * sigma;
        if (!(hi > 0)) {
            hi = 1;
        }
        for (int i = 0; cls(hi, muHat, sigmaAt, relSyst) > alpha; i++) {
            if (i == MAX_DOUBLINGS) {
                return Double.POSITIVE_INFINITY;
            }
            hi *= 2;
        }
        double scale = sigma > 0 ? sigma : hi;
        return new BrentSolver(1e-12, 1e-9 * scale).solve(10_000, mu -> cls(mu, muHat, sigmaAt, relSyst) - alpha, 1e-12 * scale, hi);
    }

    /**
     * d ln CLs / d muHat at signal mu: lambda(a) / sigma_eff(mu) - lambda(b) / sigma(0) with a =
     * (muHat - mu) / sigma_eff(mu), b = muHat / sigma(0) and lambda = phi / Phi. At a root of CLs = 1 - CL
     * (where CLs falls with mu) the root rises with muHat exactly where this is positive.
     */
    private static double clsSlopeInMuHat(double mu, double muHat, DoubleUnaryOperator sigmaAt, double relSyst) {
        double sigma0 = sigmaAt.applyAsDouble(0);
        double sigmaMu = sigmaEff(sigmaAt.applyAsDouble(mu), relSyst, mu);
        double background = sigma0 > 0 ? inverseMills(muHat / sigma0) / sigma0 : 0;
        return inverseMills((muHat - mu) / sigmaMu) / sigmaMu - background;
    }

    /** phi(x) / Phi(x), from the logarithms (it grows like |x| in the lower tail). */
    private static double inverseMills(double x) {
        return Math.exp(-0.5 * x * x - LN_SQRT_2PI - logPhi(x));
    }

    /**
     * The smallest root over fitted yields at or above muHat, given the root at muHat: where the
     * root falls as muHat rises, step up until it rises again, then solve for the turning point (one
     * minimum: the root falls while the background-only tail Phi(muHat / sigma(0)) closes faster than
     * the signal's, then rises).
     */
    private double smallestAtOrAbove(double muHat, double rootAtMuHat, DoubleUnaryOperator sigmaAt, double relSyst) {
        if (!Double.isFinite(rootAtMuHat) || clsSlopeInMuHat(rootAtMuHat, muHat, sigmaAt, relSyst) >= 0) {
            return rootAtMuHat;
        }
        DoubleUnaryOperator slope = m -> clsSlopeInMuHat(root(m, sigmaAt, relSyst), m, sigmaAt, relSyst);
        double sigma0 = sigmaAt.applyAsDouble(0);
        double step = sigma0 > 0 ? sigma0 : Math.max(1e-3, Math.abs(muHat));
        double hi = muHat + step;
        for (int i = 0; slope.applyAsDouble(hi) < 0; i++) {
            if (i == MAX_DOUBLINGS) {
                return rootAtMuHat;
            }
            step *= 2;
            hi = muHat + step;
        }
        double turn = new BrentSolver(1e-12, 1e-7 * step).solve(10_000, slope::applyAsDouble, muHat, hi);
        return Math.min(rootAtMuHat, root(turn, sigmaAt, relSyst));
    }

    /**
     * The expected limit under the background-only hypothesis at N standard deviations:
     * mu_up+N = sigma_eff (Phi^-1(1 - alpha Phi(N)) + N) (Cowan et al. eq. 89) for a constant sigma.
     */
    public double expectedLimit(double sigma, double relSyst, double nSigma) {
        return expectedLimit(m -> sigma, relSyst, nSigma);
    }

    /**
     * As {@link #expectedLimit(double, double, double)} with the yield's standard deviation a
     * function of mu: the observed limit ({@link #upperLimit(double, DoubleUnaryOperator, double)})
     * for the fitted yield N sigma(0) that the background-only hypothesis gives at N standard
     * deviations (the limit never falls as muHat rises, so quantiles map to quantiles). Its root
     * solves mu - N sigma(0) - sigma_eff(mu) Phi^-1(1 - alpha Phi(N)) = 0 (Cowan et al. eq. 89 for a
     * constant sigma), by Brent's method: negative at 0 (Phi^-1(1 - alpha Phi(N)) > -N), one root for
     * sigma(mu)^2 linear in mu plus the systematic. Infinite if the systematic alone keeps every mu
     * allowed (relSyst Phi^-1(...) >= 1).
     */
    public double expectedLimit(DoubleUnaryOperator sigmaAt, double relSyst, double nSigma) {
        double alpha = 1 - cl;
        double quantile = NORMAL.inverseCumulativeProbability(1 - alpha * NORMAL.cumulativeProbability(nSigma));
        double sigma0 = sigmaAt.applyAsDouble(0);
        double muHat = nSigma * sigma0;
        double closedForm = sigma0 * (quantile + nSigma); // quantile > -nSigma: positive
        if (relSyst == 0 && sigmaAt.applyAsDouble(closedForm) == sigma0) {
            return closedForm; // constant sigma, no systematic: the root always rises with muHat
        }
        DoubleUnaryOperator excess = mu -> mu - muHat - sigmaEff(sigmaAt.applyAsDouble(mu), relSyst, mu) * quantile;
        double hi = closedForm > 0 ? 2 * closedForm : 1;
        for (int i = 0; excess.applyAsDouble(hi) <= 0; i++) {
            if (i == MAX_DOUBLINGS) {
                return Double.POSITIVE_INFINITY;
            }
            hi *= 2;
        }
        double root = new BrentSolver(1e-14, 1e-10 * (sigma0 > 0 ? sigma0 : hi)).solve(10_000, excess::applyAsDouble, 0, hi);
        return smallestAtOrAbove(muHat, root, sigmaAt, relSyst);
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
