package org.fourmu.app.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fourmu.physics.calibration.CalibrationBundle;
import org.fourmu.physics.fit.FitScan;
import org.junit.jupiter.api.Test;

/** The bundle the application ships: verified on load, complete, and usable by the scan. */
class ShippedCalibrationTest {

    @Test
    void shippedBundleLoadsVerifiedAndCoversBothModels() throws Exception {
        CalibrationBundle b = CalibrateCommand.shippedDefault();
        assertTrue(b.id().matches("[0-9a-f]{64}"));
        assertEquals(String.valueOf(CalibrateCommand.DEFAULT_SEED), b.provenance().get("seed"));
        for (String model : new String[] {"zprime", "scalar"}) {
            double[] m = b.shape(model).massesGeV();
            assertEquals(0.212, m[0], 1e-12);
            assertEquals(9.0, m[m.length - 1], 1e-12);
            for (double x = 0.212; x <= 9.0; x += 0.1) {
                double e = b.efficiency(model).efficiency(x);
                assertTrue(e > 0.05 && e < 1, model + " efficiency " + e + " at " + x);
                assertTrue(b.shape(model).resolutionGeV(x) > 0.001 && b.shape(model).resolutionGeV(x) < 0.05);
            }
            assertTrue(b.model(model).sigmaAtUnitCouplingFb(3.0) > 0);
        }
        assertTrue(b.hasMlpSelection(), "the shipped bundle carries the five MLPs");
        org.fourmu.physics.mlp.MlpSelection mlp = org.fourmu.physics.mlp.MlpSelection.fromBytes(b.mlp().bytes());
        assertEquals(org.fourmu.physics.mlp.MlpSelection.FORMAT_ID, b.mlp().formatId());
        assertTrue(b.provenance().values().stream().anyMatch(v -> v.contains(org.fourmu.physics.mlp.MlpSelection.FORMAT_ID)));
        for (org.fourmu.physics.candidates.MlpRange r : org.fourmu.physics.candidates.MlpRange.values()) {
            double cut = mlp.cut(r, (r.lowGeV() + r.highGeV()) / 2);
            assertTrue(cut > 0 && cut < 1, r + " cut " + cut);
        }
        // the scan runs on the bundle's shapes and systematics
        FitScan scan = FitScan.paper(b.shape("zprime"));
        assertTrue(scan.masses().size() > 500, "steps of one resolution over 0.212-9 GeV");
        assertTrue(b.systematics().totalRelative(5.0) > 0.09);
    }
}
