package org.fourmu.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.fourmu.physics.calibration.CalibrationBundle;
import org.fourmu.physics.calibration.ModelLimitConversion;
import org.fourmu.physics.limits.YieldLimit;
import org.junit.jupiter.api.Test;

/**
 * Closure of the conversion with the shipped bundle: a signal at the coupling limit, sigma(g=1) x B(X -> mu mu) x g_UL^2 x
 * efficiency x L, gives back exactly the yield limit, for both models, observed and every expected quantile.
 */
class ModelLimitConversionTest {

    @Test
    void signalAtTheCouplingLimitGivesBackTheYieldLimit() throws Exception {
        CalibrationBundle bundle = CalibrateCommand.shippedDefault();
        double lumi = 178;
        for (String model : new String[] {"zprime", "scalar"}) {
            ModelLimitConversion conversion = ModelLimitConversion.of(bundle, model);
            for (double mass : new double[] {0.5, 1.5, 3.0, 5.3, 8.0}) {
                YieldLimit yield = new YieldLimit(mass, 5.2, new double[] {2.1, 3.0, 4.4, 6.3, 8.9});
                ModelLimitConversion.Converted c = conversion.convert(yield, lumi);
                assertNotNull(c, model + " at " + mass);
                double sigmaB = bundle.model(model).sigmaAtUnitCouplingFb(mass) * bundle.model(model).branchingFraction(mass);
                double eff = bundle.efficiency(model).efficiency(mass);
                assertEquals(eff, c.efficiency(), 1e-15);
                double g = c.coupling().observed();
                assertEquals(5.2, g * g * sigmaB * eff * lumi, 5.2e-9, model + " at " + mass);
                for (int k = 0; k < 5; k++) {
                    double gk = c.coupling().expected()[k];
                    assertEquals(yield.expected()[k], gk * gk * sigmaB * eff * lumi, 1e-9 * yield.expected()[k]);
                }
            }
        }
    }
}
