package org.fourmu.physics.fit;

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
}
