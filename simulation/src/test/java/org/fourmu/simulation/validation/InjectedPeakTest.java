package org.fourmu.simulation.validation;

import java.nio.file.Path;
import org.fourmu.physics.calibration.CalibrationBundle;
import org.fourmu.physics.calibration.CalibrationBundleFormat;
import org.junit.jupiter.api.Test;

class InjectedPeakTest {

    static final Path SHIPPED = Path.of("../app/src/main/resources/calibration/default.json");

    static String describe(InjectedPeak.Result r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%s m=%.3f g=%.3g Gamma=%.4f MeV gen=%d X=%d all=%d res=%.2f MeV%n", r.model(), r.massGeV(), r.coupling(),
                r.naturalWidthGeV() * 1e3, r.generated(), r.xCandidates().length, r.allCandidates().length, r.resolutionGeV() * 1e3));
        s.append(String.format("  mean shift obs %.3f shape %.3f MeV; half-width obs %.3f shape %.3f MeV; KS p %.3g; chi2 %.1f/19 p %.3g%n",
                r.observedMeanShiftGeV() * 1e3, r.shapeMeanShiftGeV() * 1e3, r.observedHalfWidthGeV() * 1e3, r.shapeHalfWidthGeV() * 1e3,
                r.ksPValue(), r.chi2(), r.chi2PValue()));
        for (double d : InjectedPeak.OBSERVED_WINDOWS_GEV) {
            s.append(String.format("  +-%.2f MeV: obs %.4f shape %.4f broadened %.4f%n", d * 1e3, r.observedFraction(d), r.shapeFraction(d),
                    r.broadenedFraction(d)));
        }
        return s.toString();
    }

    @Test
    void explore() throws Exception {
        CalibrationBundle bundle = CalibrationBundleFormat.read(SHIPPED);
        int n = Integer.getInteger("fourmu.peak.events", 2000);
        String[] spec = System.getProperty("fourmu.peak.points", "5.3:0.3,5.3:0.01").split(",");
        for (String p : spec) {
            String[] mg = p.split(":");
            long t0 = System.nanoTime();
            InjectedPeak.Result r = InjectedPeak.measure(bundle, "zprime", Double.parseDouble(mg[0]), Double.parseDouble(mg[1]), n, 7);
            System.out.print(describe(r));
            System.out.printf("  %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
