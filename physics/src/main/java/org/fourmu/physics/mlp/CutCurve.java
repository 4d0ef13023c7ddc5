package org.fourmu.physics.mlp;

import java.util.Arrays;

/**
 * The cut on the network output as a function of M(mumu) within one MLP range (paper Sec. IV D:
 * optimised in mass slices, then interpolated): straight lines between the knots, constant
 * beyond the first and last knot.
 *
 * @param massesGeV knot masses, increasing
 * @param cuts      cut on the network output at each knot
 */
public record CutCurve(double[] massesGeV, double[] cuts) {

    public CutCurve {
        if (massesGeV.length == 0 || massesGeV.length != cuts.length) {
            throw new IllegalArgumentException("a cut curve needs one cut per knot and at least one knot");
        }
        for (int i = 0; i < massesGeV.length; i++) {
            if (!Double.isFinite(massesGeV[i]) || !Double.isFinite(cuts[i])) {
                throw new IllegalArgumentException("non-finite knot");
            }
            if (i > 0 && !(massesGeV[i] > massesGeV[i - 1])) {
                throw new IllegalArgumentException("knot masses must increase");
            }
        }
        massesGeV = massesGeV.clone();
        cuts = cuts.clone();
    }

    /** A mass-independent cut. */
    public static CutCurve constant(double massGeV, double cut) {
        return new CutCurve(new double[] {massGeV}, new double[] {cut});
    }

    @Override
    public double[] massesGeV() {
        return massesGeV.clone();
    }

    @Override
    public double[] cuts() {
        return cuts.clone();
    }

    public int knots() {
        return massesGeV.length;
    }

    /** The cut at M(mumu) = {@code massGeV}. */
    public double at(double massGeV) {
        int k = massesGeV.length;
        if (!(massGeV > massesGeV[0])) {
            return cuts[0];
        }
        if (massGeV >= massesGeV[k - 1]) {
            return cuts[k - 1];
        }
        int i = Arrays.binarySearch(massesGeV, massGeV);
        if (i >= 0) {
            return cuts[i];
        }
        int hi = -i - 1;
        double w = (massGeV - massesGeV[hi - 1]) / (massesGeV[hi] - massesGeV[hi - 1]);
        return cuts[hi - 1] + w * (cuts[hi] - cuts[hi - 1]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CutCurve c && Arrays.equals(massesGeV, c.massesGeV) && Arrays.equals(cuts, c.cuts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(massesGeV) + Arrays.hashCode(cuts);
    }

    @Override
    public String toString() {
        return "CutCurve" + Arrays.toString(massesGeV) + " -> " + Arrays.toString(cuts);
    }
}
