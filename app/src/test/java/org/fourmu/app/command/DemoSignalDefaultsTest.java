package org.fourmu.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fourmu.physics.calibration.CalibrationBundle;
import org.fourmu.physics.models.DimuonResonance;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The demo's default injected signal is the kind of peak the scan fits: its natural width small against
 * the shipped bundle's resolution (the scan's shape has no Breit-Wigner), at the rate of the former
 * default g' = 0.3 (docs/validation/injected-peak.md).
 */
class DemoSignalDefaultsTest {

    @Test
    void defaultInjectedSignalIsNarrowAgainstTheResolution() throws Exception {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs();
        CalibrationBundle bundle = CalibrateCommand.shippedDefault();
        double width = DimuonResonance.of(demo.signalModel, demo.signalMass, demo.signalCoupling).totalWidthGeV();
        double resolution = bundle.shape(demo.signalModel).resolutionGeV(demo.signalMass);
        // a Breit-Wigner of FWHM Gamma convolved with the shape widens its 68% half-width by about Gamma/2 at small Gamma
        assertTrue(width < 0.1 * resolution, "Gamma = " + width + " GeV against a resolution of " + resolution + " GeV");
        // sigma x B grows as g^2: the default rate equals g' = 0.3 at strength 1
        assertEquals(0.3 * 0.3, demo.signalCoupling * demo.signalCoupling * demo.signalStrength, 1e-12);
    }
}
