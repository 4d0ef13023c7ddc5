package org.fourmu.physics.fit;

/**
 * Linear interpolation in a table of nodes x (increasing) and values y, constant beyond the first
 * and last node: exact at every node, and monotone between nodes, so an interpolated resolution or
 * efficiency never leaves the range of its neighbours.
 */
public final class PiecewiseLinear {

    private PiecewiseLinear() {
    }

    public static double value(double[] x, double[] y, double at) {
        int k = x.length;
        if (at <= x[0]) {
            return y[0];
        }
        if (at >= x[k - 1]) {
            return y[k - 1];
        }
        int lo = 0;
        int hi = k - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= at) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double w = (at - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + w * (y[hi] - y[lo]);
    }

    /** Whether the nodes strictly increase. */
    public static boolean increasing(double[] x) {
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                return false;
            }
        }
        return true;
    }
}
