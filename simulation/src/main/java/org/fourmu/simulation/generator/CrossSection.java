package org.fourmu.simulation.generator;

/**
 * A Monte Carlo cross section.
 *
 * @param valueFb cross section in femtobarn
 * @param errorFb its statistical (MC) uncertainty
 * @param points  number of weighted points it is based on
 */
public record CrossSection(double valueFb, double errorFb, long points) {

    public double valuePb() {
        return valueFb * 1e-3;
    }

    public double valueNb() {
        return valueFb * 1e-6;
    }

    /** This cross section divided by a number (e.g. g^2 for a per-unit-coupling value). */
    public CrossSection dividedBy(double d) {
        return new CrossSection(valueFb / d, errorFb / d, points);
    }

    @Override
    public String toString() {
        return String.format("%.6g +- %.2g fb (%d points)", valueFb, errorFb, points);
    }
}
