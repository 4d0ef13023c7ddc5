package org.fourmu.physics.calibration;

import org.fourmu.physics.limits.CouplingLimit;
import org.fourmu.physics.limits.CrossSectionLimit;
import org.fourmu.physics.limits.YieldLimit;

/**
 * Turns yield limits into cross-section limits, sigma_UL = N_UL / (efficiency x L), and coupling limits,
 * g_UL = sqrt(sigma_UL / (sigma x B)(g = 1)), for one model with the efficiency and the cross sections of a
 * calibration bundle. Outside the masses the bundle covers, the limits are NaN (not extrapolated).
 *
 * @param model       "zprime" or "scalar"
 * @param efficiency  efficiency versus mass (after all selections)
 * @param table       sigma x B at unit coupling versus mass
 */
public record ModelLimitConversion(String model, EfficiencyCurve efficiency, ModelTable table) {

    public static ModelLimitConversion of(CalibrationBundle bundle, String model) {
        return new ModelLimitConversion(model, bundle.efficiency(model), bundle.model(model));
    }

    /** The limits at one mass; null when the mass or the luminosity is outside what can be converted. */
    public Converted convert(YieldLimit yield, double lumiInvFb) {
        double eff = efficiency.efficiency(yield.massGeV());
        if (!(eff > 0 && eff <= 1) || !(lumiInvFb > 0) || !table.crossSections().covers(yield.massGeV())) {
            return null;
        }
        CrossSectionLimit sigma = CrossSectionLimit.of(yield, eff, lumiInvFb);
        return new Converted(eff, sigma, CouplingLimit.of(sigma, table.crossSections()));
    }

    /** Efficiency, cross-section and coupling limits at one mass. */
    public record Converted(double efficiency, CrossSectionLimit crossSection, CouplingLimit coupling) {
    }
}
