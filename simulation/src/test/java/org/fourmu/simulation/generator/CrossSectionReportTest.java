package org.fourmu.simulation.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrossSectionReportTest {

    @Test
    void signalReportShouldGiveConsistentPerUnitCouplingAndWidths() {
        CrossSectionReport r = new CrossSectionReport("scalar", 2.0, 0.01, false, GeneratorCuts.NONE, 4000, 3);
        CrossSectionReport.Result res = r.compute();
        assertEquals(res.sigma().valueFb() / 1e-4, res.sigmaPerUnitCoupling().valueFb(), 1e-9 * res.sigmaPerUnitCoupling().valueFb());
        // B = 1 for the scalar: 4-body per unit coupling and on-shell production agree within errors (times the sampled Breit-Wigner fraction)
        double onShell = res.onShellProductionPerUnitCoupling().valueFb() * ResonanceProcess.sampledBreitWignerFraction(res.model());
        double err = Math.hypot(res.sigmaPerUnitCoupling().errorFb(), res.onShellProductionPerUnitCoupling().errorFb());
        assertEquals(onShell, res.sigmaPerUnitCoupling().valueFb(), 4 * err);
        List<String> lines = r.format(res);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("B(X -> mu+mu-) = 1.000000")), String.join("\n", lines));
    }

    @Test
    void backgroundReportShouldPrintOneCrossSection() {
        CrossSectionReport r = new CrossSectionReport("mumu", 0, 0, false, GeneratorCuts.NONE, 4000, 3);
        CrossSectionReport.Result res = r.compute();
        assertEquals(776.0e3, res.sigma().valueFb(), 4 * res.sigma().errorFb() + 1e3);
        assertTrue(r.format(res).stream().anyMatch(l -> l.startsWith("sigma = ")));
    }
}
