package org.fourmu.physics.limits;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.numbers.gamma.RegularizedGamma;

/**
 * The CLs upper limit on the signal of a counting experiment with known background:
 * CLs(s) = P(N <= n | s + b) / P(N <= n | b), the limit where CLs = 1 - CL (A. L. Read,
 * J. Phys. G 28 (2002) 2693). P(N <= n | mu) = Q(n + 1, mu), the regularised upper incomplete
 * gamma function, so CLs is continuous in s.
 */
public final class CountingLimit {

    private CountingLimit() {
    }

    /** P(N <= n) for a Poisson mean mu. */
    static double poissonCdf(long n, double mu) {
        return mu <= 0 ? 1.0 : RegularizedGamma.Q.value(n + 1.0, mu);
    }

    public static double cls(long observed, double background, double signal) {
        return poissonCdf(observed, signal + background) / poissonCdf(observed, background);
    }

    /** The upper limit on the signal at confidence level {@code cl} (e.g. 0.9). */
    public static double upperLimit(long observed, double background, double cl) {
        if (observed < 0 || !(background >= 0) || !(cl > 0 && cl < 1)) {
            throw new IllegalArgumentException("need observed >= 0, background >= 0 and 0 < cl < 1");
        }
        double alpha = 1 - cl;
        double hi = 10 + 2 * (observed + Math.sqrt(observed + 1)) + 10 * Math.sqrt(background + 1);
        while (cls(observed, background, hi) > alpha) {
            hi *= 2;
        }
        return new BrentSolver(1e-12, 1e-10).solve(10_000, s -> cls(observed, background, s) - alpha, 0, hi);
    }
}
