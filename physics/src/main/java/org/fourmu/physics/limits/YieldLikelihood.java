package org.fourmu.physics.limits;

/**
 * The likelihood of one set of counts as a function of the signal yield, everything else (the
 * background) at its best value for that yield: what a test statistic needs of a fit.
 */
public interface YieldLikelihood {

    /** The best-fit signal yield (may be negative). */
    double signalYield();

    /** The negative log-likelihood at the best fit. */
    double minimumNll();

    /** The negative log-likelihood with the signal yield fixed, the rest profiled; NaN if infeasible. */
    double profileNll(double yield);
}
