package org.fourmu.physics.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fourmu.physics.limits.BackgroundSpectrum;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PullStudyTest {

    private static final FitScan SCAN = FitScan.paper(SignalShapeModel.paperDefault());

    /**
     * The scan's fit on a falling background with an injected signal: unbiased yield, pulls of unit
     * width. 300 toys: the mean pull is known to 0.06, the width to 0.04.
     */
    @ParameterizedTest(name = "M = {0} GeV, {1} signal events")
    @CsvSource({"0.5, 60", "5.3, 30"})
    void fittedYieldsAreUnbiasedWithUnitPulls(double mass, double injected) {
        PullStudy.Result r = PullStudy.run(SCAN, BackgroundSpectrum.falling(30000), mass, injected, 300, 8);
        assertTrue(r.fitted() >= 295, "fits with an error: " + r.fitted());
        assertEquals(0, r.meanPull(), 0.2, "mean pull");
        assertEquals(1, r.pullWidth(), 0.13, "pull width");
        assertEquals(injected, r.meanYield(), 3 * r.yieldRms() / Math.sqrt(r.toys()) + 0.02 * injected, "mean yield");
        assertEquals(r.yieldRms(), r.meanError(), 0.1 * r.yieldRms(), "the curvature error is the spread of the yield");
    }
}
