package org.fourmu.physics.limits;

/**
 * Upper limits on the signal yield at one test mass: observed, and expected under the
 * background-only hypothesis at -2, -1, 0 (median), +1, +2 standard deviations.
 *
 * @param massGeV  test mass M(mumu)
 * @param observed observed upper limit on the yield (events)
 * @param expected expected limits, five values from -2 to +2 sigma
 */
public record YieldLimit(double massGeV, double observed, double[] expected) {

    /** Index of the median in {@link #expected()}. */
    public static final int MEDIAN = 2;

    public YieldLimit {
        if (expected.length != 5) {
            throw new IllegalArgumentException("expected limits at -2, -1, 0, +1, +2 sigma: five values, got " + expected.length);
        }
        expected = expected.clone();
    }

    @Override
    public double[] expected() {
        return expected.clone();
    }

    /** Every limit multiplied by {@code factor}: a change of units. */
    YieldLimit scaled(double factor) {
        double[] e = new double[5];
        for (int k = 0; k < 5; k++) {
            e[k] = expected[k] * factor;
        }
        return new YieldLimit(massGeV, observed * factor, e);
    }
}
