package org.fourmu.physics.fit;

import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * The signal shape of paper Sec. V: two Crystal Ball functions with a shared mean, each normalised
 * to unit area on the range [low, high] (the fit window) before mixing, so {@code fraction} is the
 * first one's share of the signal in the window.
 */
public final class DoubleCrystalBall {

    private final CrystalBall first;
    private final CrystalBall second;
    private final double fraction;
    private final double norm1;
    private final double norm2;
    private final double low;
    private final double high;

    public DoubleCrystalBall(CrystalBall first, CrystalBall second, double fraction, double low, double high) {
        if (first.mean() != second.mean()) {
            throw new IllegalArgumentException("the two Crystal Balls share their mean");
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], got " + fraction);
        }
        if (!(high > low)) {
            throw new IllegalArgumentException("normalisation range needs high > low");
        }
        this.first = first;
        this.second = second;
        this.fraction = fraction;
        this.norm1 = first.integral(low, high);
        this.norm2 = second.integral(low, high);
        this.low = low;
        this.high = high;
    }

    /** One standard deviation's share of a Gaussian, erf(1/sqrt 2). */
    public static final double ONE_SIGMA_CONTENT = 0.6826894921370859;

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    /** The first (core) component, unnormalised. */
    public CrystalBall first() {
        return first;
    }

    public CrystalBall second() {
        return second;
    }

    /** The first component's share of the signal in the normalisation range. */
    public double fraction() {
        return fraction;
    }

    public double mean() {
        return first.mean();
    }

    /** Integral of the normalised density over [x1, x2]. */
    public double probability(double x1, double x2) {
        return fraction * first.integral(x1, x2) / norm1 + (1 - fraction) * second.integral(x1, x2) / norm2;
    }

    /** The normalised density at x. */
    public double density(double x) {
        return fraction * first.value(x) / norm1 + (1 - fraction) * second.value(x) / norm2;
    }

    /** The x at which the normalised integral from {@code low} reaches {@code p} (0 <= p <= 1). */
    public double quantile(double p) {
        if (p <= 0) {
            return low;
        }
        if (p >= 1) {
            return high;
        }
        double tolerance = 1e-9 * (high - low);
        return new BrentSolver(tolerance).solve(200, x -> probability(low, x) - p, low, high);
    }

    /**
     * The effective sigma: half the width of the shortest interval holding {@link #ONE_SIGMA_CONTENT}
     * of the shape on its window; equals sigma for a Gaussian well inside the window.
     */
    public double effectiveSigma() {
        double c = ONE_SIGMA_CONTENT;
        double lastStart = quantile(1 - c);
        if (!(lastStart > low)) {
            return (high - low) / 2;
        }
        double tolerance = 1e-7 * (high - low);
        var width = new UnivariateObjectiveFunction(x -> quantile(probability(low, x) + c) - x);
        double best = new BrentOptimizer(1e-10, tolerance).optimize(new MaxEval(500), width, GoalType.MINIMIZE,
                new SearchInterval(low, lastStart, Math.min(Math.max(mean(), low), lastStart))).getValue();
        return best / 2;
    }
}
