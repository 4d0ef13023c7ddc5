package org.fourmu.topology.query;

import java.util.List;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.models.AnomalyCouplingBand;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.models.MuonAnomaly;
import org.fourmu.physics.models.MuonphilicScalar;

/**
 * The couplings with which the Z' and the scalar would explain the muon anomaly, Delta a_mu -+ 2 sigma
 * ({@link AnomalyCouplingBand}, as the paper's Fig. 14 and {@code fourmu scan} draw it), at the scan's
 * test masses: the band for the web view's coupling-limit plots. It depends on no data, so it is
 * computed once, on first use.
 */
final class AnomalyBands {

    /** The paper's Fig. 14 draws the band at +-2 sigma (as {@code fourmu scan --band-sigmas} by default). */
    static final double BAND_SIGMAS = 2;

    private final FitScan scan;
    private final MuonAnomaly.Band anomaly;
    private volatile Answers.AnomalyBand answer;

    AnomalyBands(FitScan scan) {
        this(scan, MuonAnomaly.WORLD_AVERAGE_2023_MINUS_SM_2020);
    }

    AnomalyBands(FitScan scan, MuonAnomaly.Band anomaly) {
        this.scan = scan;
        this.anomaly = anomaly;
    }

    Answers.AnomalyBand answer() {
        Answers.AnomalyBand a = answer;
        if (a == null) {
            synchronized (this) {
                if (answer == null) {
                    answer = compute();
                }
                a = answer;
            }
        }
        return a;
    }

    private Answers.AnomalyBand compute() {
        List<Double> masses = scan.masses();
        return new Answers.AnomalyBand(anomaly.central(), anomaly.sigma(), BAND_SIGMAS,
                "Delta a_mu = a_mu(exp, 2023 world average) - a_mu(SM, 2020 Theory Initiative); one-loop contributions as"
                        + " MuonAnomaly", masses.stream().mapToDouble(Double::doubleValue).toArray(),
                couplings(LmuLtauZPrime.NAME, masses), couplings(MuonphilicScalar.NAME, masses));
    }

    private Answers.CouplingBand couplings(String model, List<Double> masses) {
        int n = masses.size();
        double[] lower = new double[n];
        double[] central = new double[n];
        double[] upper = new double[n];
        for (int i = 0; i < n; i++) {
            AnomalyCouplingBand b = AnomalyCouplingBand.of(model, masses.get(i), anomaly, BAND_SIGMAS);
            lower[i] = b.lower();
            central[i] = b.central();
            upper[i] = b.upper();
        }
        return new Answers.CouplingBand(lower, central, upper);
    }
}
