package org.fourmu.simulation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fourmu.physics.calibration.CalibrationBundle;
import org.fourmu.physics.calibration.CalibrationBundleFormat;
import org.junit.jupiter.api.Test;

class CalibrationBuilderTest {

    /** Two masses, small samples: a few seconds of CPU. */
    static CalibrationConfig tiny(long seed) {
        return new CalibrationConfig(seed, new double[] {0.5, 3.0}, 200, 500, 1000, 1000, 2000);
    }

    @Test
    void sameSeedGivesTheSameBundleAndAnotherSeedAnother() {
        CalibrationBundle first = CalibrationBuilder.beforeMlp(tiny(5), s -> { }).build().bundle();
        CalibrationBundle again = CalibrationBuilder.beforeMlp(tiny(5), s -> { }).build().bundle();
        assertEquals(first.id(), again.id(), "same seed, same bundle");
        CalibrationBundle read = CalibrationBundleFormat.fromJson(CalibrationBundleFormat.toJson(first), "tiny");
        assertEquals(first.id(), read.id());
        assertTrue(!first.hasMlpSelection() && first.efficiency("zprime").selection().contains("before MLP"));
        assertEquals("5", first.provenance().get("seed"));
        CalibrationBundle other = CalibrationBuilder.beforeMlp(tiny(6), s -> { }).build().bundle();
        assertNotEquals(first.id(), other.id());
    }
}
