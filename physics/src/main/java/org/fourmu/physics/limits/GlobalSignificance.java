package org.fourmu.physics.limits;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The look-elsewhere effect by Gross and Vitells, EPJC 70 (2010) 525: with N(c0) up-crossings of
 * the local significance curve at a low level c0 (in sigma), the global p-value of a local
 * excess Z is p_global = p_local + N(c0) exp(-(Z^2 - c0^2)/2).
 *
 * <p>The curve is the signed local significance Z = sign(s_hat) sqrt(2 ln(L/L0)) at every test
 * mass in mass order: under background only it is a unit Gaussian at each point, the process the
 * formula is derived for (a curve clipped at zero has no up-crossings of zero at all). Background-only
 * toy scans of the paper's scan structure (docs/validation/statistics.md) count ~270 up-crossings of
 * 0 and ~145 of 1 in 2647 fits, as Rice's formula predicts for a correlation length of about one
 * resolution, and give the global p-value of the largest excess directly: Gross-Vitells from the
 * counts at c0 = 1 is conservative by up to a factor 2 at 3.5-4 sigma (the scan samples the curve
 * once per resolution and misses narrow excursions). A 3.4 sigma local excess is then not
 * significant at all globally; the paper's 1.6 sigma needs ~18 up-crossings of 0, i.e. one fit
 * window as the correlation length, which the toys rule out.
 */
public final class GlobalSignificance {

    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    /**
     * Level (sigma) at which a scan's up-crossings are counted: ~145 of them in the paper's scan,
     * an 8% Poisson uncertainty from a single curve, and less extrapolation (and conservatism)
     * than from 0.
     */
    public static final double REFERENCE_LEVEL = 1.0;

    /**
     * The largest excess of a scan and its global significance.
     *
     * @param index              position of the largest local significance in the curve (-1 if empty)
     * @param localSignificance  the largest local significance
     * @param upCrossings        up-crossings of the reference level
     * @param referenceLevel     the level (sigma)
     * @param globalPValue       Gross-Vitells global p-value
     * @param globalSignificance its one-sided significance (0 for p >= 0.5)
     */
    public record Estimate(int index, double localSignificance, int upCrossings, double referenceLevel,
                           double globalPValue, double globalSignificance) {
    }

    /**
     * The global significance of the largest excess of a scan, from the up-crossings of its own
     * signed local-significance curve (test masses in increasing order, the whole scan) at
     * {@link #REFERENCE_LEVEL}.
     */
    public static Estimate estimate(double[] signedCurve) {
        int best = -1;
        for (int i = 0; i < signedCurve.length; i++) {
            if (best < 0 || signedCurve[i] > signedCurve[best]) {
                best = i;
            }
        }
        if (best < 0) {
            return new Estimate(-1, 0, 0, REFERENCE_LEVEL, 1, 0);
        }
        int crossings = upCrossings(signedCurve, REFERENCE_LEVEL);
        double z = signedCurve[best];
        double p = globalPValue(z, crossings, REFERENCE_LEVEL);
        return new Estimate(best, z, crossings, REFERENCE_LEVEL, p, significance(p));
    }

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
