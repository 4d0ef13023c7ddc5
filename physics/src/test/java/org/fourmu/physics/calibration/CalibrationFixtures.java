package org.fourmu.physics.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.models.SignalCrossSectionTable;
import org.fourmu.physics.pid.ParticleHypothesis;
import org.fourmu.physics.pid.PidObservables;
import org.fourmu.physics.pid.PidPdfs;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.trigger.TriggerEfficiencyMaps;

/** A small hand-made bundle for format tests (numbers are plausible, not calibrated). */
public final class CalibrationFixtures {

    private CalibrationFixtures() {
    }

    public static PidPdfs pid() {
        List<PidPdfs.LabelledTrack> tracks = new ArrayList<>();
        UniformRandomProvider rng = RandomStreams.forKeys(5);
        for (ParticleHypothesis h : ParticleHypothesis.values()) {
            for (int i = 0; i < 300; i++) {
                double p = 0.2 + 5 * rng.nextDouble();
                double klm = h == ParticleHypothesis.MUON ? 0.9 + 0.1 * rng.nextDouble() : 0.3 * rng.nextDouble();
                double ep = h == ParticleHypothesis.ELECTRON ? 0.95 + 0.1 * rng.nextDouble() : 0.1 + 0.1 * rng.nextDouble();
                tracks.add(new PidPdfs.LabelledTrack(new PidObservables(p, 1.2, klm, ep, 1 + rng.nextDouble()), h, 1.0));
            }
        }
        return PidPdfs.fit(tracks, PidPdfs.DEFAULT_EDGES);
    }

    public static CalibrationBundle bundle() {
        double[] m = {0.212, 1.0, 5.0, 9.0};
        SignalShapeModel shape = new SignalShapeModel(m, new double[] {0.002, 0.003, 0.006, 0.004},
                new double[] {1.5, 1.4, 1.3, 1.2}, new double[] {3, 4, 5, 6}, new double[] {0.004, 0.006, 0.012, 0.008},
                new double[] {-2, -1.9, -1.8, -1.7}, new double[] {5, 5, 5, 5}, new double[] {0.7, 0.7, 0.75, 0.8},
                new double[] {0.0025, 0.0037, 0.0072, 0.0048}, new double[] {0.0, -1e-4, -2e-4, 1e-4});
        Map<String, SignalShapeModel> shapes = Map.of("zprime", shape, "scalar", shape);
        Map<String, EfficiencyCurve> eff = Map.of(
                "zprime", new EfficiencyCurve("zprime", "test", m, new double[] {0.4, 0.5, 0.55, 0.6},
                        new double[] {0.01, 0.01, 0.01, 0.01}, 0.985, 0.004),
                "scalar", new EfficiencyCurve("scalar", "test", m, new double[] {0.45, 0.5, 0.5, 0.55},
                        new double[] {0.01, 0.01, 0.01, 0.01}, 0.985, 0.004));
        double[] xm = {0.25, 1.0, 5.0, 9.0};
        Map<String, ModelTable> models = Map.of(
                "zprime", new ModelTable(new SignalCrossSectionTable("zprime", xm, new double[] {1.3e5, 4.6e4, 628, 0.63},
                        new double[] {1e3, 300, 2, 0.002}), new double[] {0.5, 0.5, 0.33, 0.33}),
                "scalar", new ModelTable(new SignalCrossSectionTable("scalar", xm, new double[] {2e5, 6e4, 900, 1.1},
                        new double[] {1e3, 300, 2, 0.002}), new double[] {1, 1, 1, 1}));
        return new CalibrationBundle(Map.of("builder", "CalibrationFixtures", "seed", "1"), shapes, eff,
                TriggerEfficiencyMaps.PAPER, pid(), SystematicUncertainties.paperTableI(), models, MlpSelectionPayload.EMPTY);
    }
}
