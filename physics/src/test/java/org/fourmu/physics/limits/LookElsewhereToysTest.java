package org.fourmu.physics.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.SignalShapeModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Background-only toy scans over a stretch of the paper's scan (4.5-5.5 GeV, ~210 fits, the
 * region of its 3.4 sigma excess); the full scan is in {@code fourmu validate statistics}.
 */
class LookElsewhereToysTest {

    private static final FitScan SCAN = FitScan.paper(SignalShapeModel.paperDefault());
    private static List<Double> masses;
    private static LookElsewhereToys toys;

    @BeforeAll
    static void scanToys() {
        masses = SCAN.masses().stream().filter(m -> m >= 4.5 && m <= 5.5).toList();
        double x1 = CandidateBuilder.reducedMass(4.5) - 0.2;
        double x2 = CandidateBuilder.reducedMass(5.5) + 0.2;
        toys = LookElsewhereToys.run(BackgroundSpectrum.falling(30000), x1, x2,
                h -> SCAN.scan(masses, r -> h, true).stream().mapToDouble(FitScan.Point::localSignificance).toArray(), 150, 4);
    }

    /**
     * The signed local significance is a unit Gaussian at every point, and for a Gaussian pair with
     * correlation r the chance that the curve crosses zero upwards between neighbours is
     * arccos(r) / (2 pi): the mean up-crossing count follows from the measured correlation.
     */
    @Test
    void localSignificanceIsAUnitGaussianWhoseZeroCrossingsFollowFromItsCorrelation() {
        double[] mw = toys.localMeanAndWidth();
        assertEquals(0, mw[0], 0.1, "mean local significance");
        assertEquals(1, mw[1], 0.07, "width");
        double r = toys.neighbourCorrelation();
        assertTrue(r > 0.6 && r < 0.9, "neighbours one resolution apart are strongly but not fully correlated: " + r);
        double expected = (masses.size() - 1) * Math.acos(r) / (2 * Math.PI);
        // 150 toys x ~21 crossings: the count is known to ~2%
        assertEquals(expected, toys.meanUpCrossings(0), 0.08 * expected);
    }

    /**
     * Gross-Vitells from the up-crossings at the reference level against the toys' own global
     * p-value: never below it beyond the toy error, and at most ~2x above (the scan samples the
     * curve once per resolution, so narrow excursions between test masses are not counted).
     */
    @Test
    void grossVitellsIsConservativeWithinAFactorTwoOfTheToys() {
        for (double z : new double[] {2.6, 2.9, 3.2}) {
            double p = toys.globalPValue(z);
            double err = toys.globalPValueError(z);
            double gv = toys.grossVitellsPValue(z, GlobalSignificance.REFERENCE_LEVEL);
            assertTrue(p > 0.02 && p < 0.7, "z = " + z + " should be tested where the toys measure p: " + p);
            assertTrue(gv > p - 3 * err, "z = " + z + ": GV " + gv + " vs toys " + p + " +- " + err);
            assertTrue(gv < 2.5 * (p + 3 * err), "z = " + z + ": GV " + gv + " vs toys " + p + " +- " + err);
        }
    }

    /**
     * The paper's structure: 2647 fits of which this stretch is a representative ~8% (the rate of
     * up-crossings per fit is what the resolution step fixes, whatever the mass). Scaled up, the
     * whole scan has ~270 up-crossings of 0, while the paper's 3.4 sigma local -> 1.6 sigma global
     * needs 17.6: a 3.4 sigma excess has no global significance in such a scan.
     */
    @Test
    void aThreePointFourSigmaExcessIsNotSignificantInTheWholeScan() {
        int fits = SCAN.masses().size();
        double perFit0 = toys.meanUpCrossings(0) / (masses.size() - 1);
        double perFit1 = toys.meanUpCrossings(GlobalSignificance.REFERENCE_LEVEL) / (masses.size() - 1);
        double n0 = perFit0 * (fits - 1);
        double impliedByPaper = (GlobalSignificance.localPValue(1.6) - GlobalSignificance.localPValue(3.4)) / Math.exp(-3.4 * 3.4 / 2);
        assertEquals(17.6, impliedByPaper, 0.1);
        assertTrue(n0 > 10 * impliedByPaper, "up-crossings of 0 in the whole scan: " + n0);
        double global = GlobalSignificance.globalSignificance(3.4, perFit1 * (fits - 1), GlobalSignificance.REFERENCE_LEVEL);
        assertTrue(global < 0.5, "global significance of 3.4 sigma local: " + global);
    }
}
