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
            var refit = org.fourmu.simulation.calibration.SignalShapeFit.fit(r.xCandidates(), r.low(), r.high());
            System.out.printf("  refit on this sample: effective sigma %.3f MeV, mean-true %.3f MeV, mlp %s%n", refit.effectiveSigma() * 1e3,
                    (refit.parameter("mean") - r.trueReducedGeV()) * 1e3, bundle.hasMlpSelection());
            System.out.printf("  %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    @Test
    void exploreCalibrationChain() throws Exception {
        CalibrationBundle bundle = CalibrationBundleFormat.read(SHIPPED);
        var mlp = org.fourmu.physics.mlp.MlpSelection.fromBytes(bundle.mlp().bytes());
        var chain = new org.fourmu.simulation.calibration.SignalChain(org.fourmu.simulation.detector.FastDetector.nominal(), bundle.pid(),
                bundle.trigger(), org.fourmu.physics.event.BeamConditions.NOMINAL);
        int n = Integer.getInteger("fourmu.chain.events", 0);
        for (String m : System.getProperty("fourmu.chain.masses", "5.5").split(",")) {
            double mass = Double.parseDouble(m);
            for (long seed : new long[] {1, 2, 3}) {
                var ev = chain.run("zprime", mass, n, seed, 20000);
                var point = org.fourmu.simulation.calibration.SignalMassPoint.of("zprime", mass, ev, mlp::passes);
                System.out.printf("chain m=%.2f seed %d: X %d eff sigma %.3f MeV (bundle %.3f)%n", mass, seed, point.reducedMassesGeV().length,
                        point.fit().effectiveSigma() * 1e3, bundle.shape("zprime").resolutionGeV(mass) * 1e3);
            }
        }
    }
}
