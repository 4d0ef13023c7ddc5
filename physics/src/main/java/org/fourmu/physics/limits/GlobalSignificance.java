package org.fourmu.physics.limits;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The look-elsewhere effect by Gross and Vitells, EPJC 70 (2010) 525: with N(c0) up-crossings of
 * the local significance curve at a low level c0 (in sigma), the global p-value of a local
 * excess Z is p_global = p_local + N(c0) exp(-(Z^2 - c0^2)/2).
 */
public final class GlobalSignificance {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private GlobalSignificance() {
    }

    public static double localPValue(double z) {
        return NORMAL.survivalProbability(z);
    }

    public static double significance(double pValue) {
        return pValue >= 0.5 ? 0 : NORMAL.inverseSurvivalProbability(pValue);
    }

    /** Up-crossings of {@code level} (in sigma) along the curve, in order. */
    public static int upCrossings(double[] localSignificance, double level) {
        int n = 0;
        for (int i = 1; i < localSignificance.length; i++) {
            if (localSignificance[i - 1] < level && localSignificance[i] >= level) {
                n++;
            }
        }
        return n;
    }

    /** The global p-value of a local excess {@code z}, from {@code crossings} up-crossings at {@code c0}. */
    public static double globalPValue(double z, double crossings, double c0) {
        return Math.min(1, localPValue(z) + crossings * Math.exp(-(z * z - c0 * c0) / 2));
    }

    public static double globalSignificance(double z, double crossings, double c0) {
        return significance(globalPValue(z, crossings, c0));
    }
}
