package org.fourmu.physics.calibration;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.pid.PidPdfs;
import org.fourmu.physics.trigger.TriggerEfficiencyMaps;

/**
 * Everything the stream needs from simulation, in one versioned piece (ARCHITECTURE.md
 * "Calibration bundle"), named by the SHA-256 of its canonical content ({@link #id()}).
 * Stored as one JSON document by {@link CalibrationBundleFormat}.
 *
 * @param provenance    how it was built: command, seed, sample sizes, what the efficiencies include
 * @param shapes        signal shape and resolution versus mass, per model ("zprime", "scalar")
 * @param efficiencies  signal efficiency versus mass, per model
 * @param trigger       the trigger efficiency maps used by the emulation
 * @param pid           the particle-identification PDFs
 * @param systematics   relative systematic uncertainties on the efficiency versus mass (Table I)
 * @param models        sigma x B at unit coupling and B(mumu) versus mass, per model
 * @param mlp           the MLP selection's bytes (empty until trained)
 */
public record CalibrationBundle(SortedMap<String, String> provenance,
                                SortedMap<String, SignalShapeModel> shapes,
                                SortedMap<String, EfficiencyCurve> efficiencies,
                                TriggerEfficiencyMaps trigger,
                                PidPdfs pid,
                                SystematicUncertainties systematics,
                                SortedMap<String, ModelTable> models,
                                MlpSelectionPayload mlp) {

    /** Length of the id prefix used in file names and logs. */
    public static final int SHORT_ID_LENGTH = 12;

    public CalibrationBundle(Map<String, String> provenance, Map<String, SignalShapeModel> shapes,
                             Map<String, EfficiencyCurve> efficiencies, TriggerEfficiencyMaps trigger, PidPdfs pid,
                             SystematicUncertainties systematics, Map<String, ModelTable> models, MlpSelectionPayload mlp) {
        this(sorted(provenance), sorted(shapes), sorted(efficiencies), trigger, pid, systematics, sorted(models), mlp);
    }

    public CalibrationBundle {
        provenance = sorted(provenance);
        shapes = sorted(shapes);
        efficiencies = sorted(efficiencies);
        models = sorted(models);
        if (!shapes.keySet().equals(efficiencies.keySet()) || !shapes.keySet().equals(models.keySet())) {
            throw new IllegalArgumentException("shapes, efficiencies and model tables must cover the same models, got "
                    + shapes.keySet() + ", " + efficiencies.keySet() + ", " + models.keySet());
        }
    }

    private static <V> SortedMap<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    /** The SHA-256 of the canonical content, 64 lower-case hex digits. */
    public String id() {
        return CalibrationBundleFormat.id(this);
    }

    /** The first {@value #SHORT_ID_LENGTH} hex digits of {@link #id()}. */
    public String shortId() {
        return id().substring(0, SHORT_ID_LENGTH);
    }

    /** Whether the efficiencies include the MLP selection. */
    public boolean hasMlpSelection() {
        return !mlp.isEmpty();
    }

    /** The same bundle with another MLP selection (a new id). */
    public CalibrationBundle withMlp(MlpSelectionPayload selection) {
        return new CalibrationBundle(provenance, shapes, efficiencies, trigger, pid, systematics, models, selection);
    }

    public SignalShapeModel shape(String model) {
        return require(shapes, model);
    }

    public EfficiencyCurve efficiency(String model) {
        return require(efficiencies, model);
    }

    public ModelTable model(String model) {
        return require(models, model);
    }

    private static <V> V require(Map<String, V> m, String model) {
        V v = m.get(model);
        if (v == null) {
            throw new IllegalArgumentException("the calibration bundle has no model '" + model + "'; it has " + m.keySet());
        }
        return v;
    }
}
