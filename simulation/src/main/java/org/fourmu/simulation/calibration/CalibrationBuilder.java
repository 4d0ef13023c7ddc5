package org.fourmu.simulation.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.fourmu.physics.calibration.CalibrationBundle;
import org.fourmu.physics.calibration.EfficiencyCurve;
import org.fourmu.physics.calibration.MlpSelectionPayload;
import org.fourmu.physics.calibration.ModelTable;
import org.fourmu.physics.calibration.SystematicUncertainties;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.models.DimuonResonance;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.models.MuonphilicScalar;
import org.fourmu.physics.models.SignalCrossSectionTable;
import org.fourmu.physics.pid.PidPdfs;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.trigger.TriggerEfficiencyMaps;
import org.fourmu.simulation.detector.DetectorParameters;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.generator.Processes;
import org.fourmu.simulation.generator.SignalCrossSections;

/**
 * Builds the calibration bundle from simulation ({@code fourmu calibrate}): PID PDFs from a
 * particle gun, then for each model and mass the signal through the chain (shape fit and
 * efficiency), the ISR correction, sigma(g = 1) x B and B(mumu), the paper's systematics and the
 * trigger maps. The candidate filter is where the MLP cut plugs in; without it the efficiencies
 * are "before MLP" and the bundle says so. Deterministic for a configuration.
 */
public final class CalibrationBuilder {

    public static final List<String> MODELS = List.of(LmuLtauZPrime.NAME, MuonphilicScalar.NAME);
    public static final String BEFORE_MLP = "trigger, selection and 4C fit (paper Sec. IV A-C), X candidate in the 60-resolution "
            + "fit window; before MLP";
    public static final String AFTER_MLP = "trigger, selection, 4C fit and the MLP cut of the candidate's range (paper Sec. IV A-D), "
            + "X candidate in the 60-resolution fit window";
    private static final BeamConditions BEAMS = BeamConditions.NOMINAL;
    /** The cross-section integration needs no maximum weight: a small presampling run only checks the process. */
    private static final int PRESAMPLES_FOR_INTEGRATION = 1000;

    private final CalibrationConfig config;
    private final Predicate<Candidate> candidateFilter;
    private final String selection;
    private final MlpSelectionPayload mlp;
    private final Consumer<String> progress;

    /**
     * @param candidateFilter which X candidates count (the MLP cut; everything before it lands)
     * @param selection       what the efficiencies include, in words, stored in the bundle
     * @param mlp             the MLP selection whose cut {@code candidateFilter} applies
     * @param progress        one line per finished step
     */
    public CalibrationBuilder(CalibrationConfig config, Predicate<Candidate> candidateFilter, String selection,
                              MlpSelectionPayload mlp, Consumer<String> progress) {
        this.config = config;
        this.candidateFilter = candidateFilter;
        this.selection = selection;
        this.mlp = mlp;
        this.progress = progress;
    }

    /** The calibration before the MLP: every selected X candidate counts, the MLP slot is empty. */
    /** Efficiencies after the MLP selection's cut; its networks and cuts go into the bundle. */
    public static CalibrationBuilder afterMlp(CalibrationConfig config, org.fourmu.physics.mlp.MlpSelection selection,
                                              Consumer<String> progress) {
        return new CalibrationBuilder(config, selection::passes, AFTER_MLP,
                new MlpSelectionPayload(org.fourmu.physics.mlp.MlpSelection.FORMAT_ID, selection.toBytes()), progress);
    }

    public static CalibrationBuilder beforeMlp(CalibrationConfig config, Consumer<String> progress) {
        return new CalibrationBuilder(config, c -> true, BEFORE_MLP, MlpSelectionPayload.EMPTY, progress);
    }

    /** The bundle with what it was made from. */
    public record Result(CalibrationBundle bundle, Map<String, List<SignalMassPoint>> points, IsrVetoCorrection.Result isr) {
    }

    /** A seed for one piece of the work, derived from the configuration's seed. */
    private long seedFor(long... keys) {
        return RandomStreams.forKeys(config.seed(), keys).nextLong();
    }

    public Result build() {
        long t0 = System.nanoTime();
        FastDetector detector = FastDetector.nominal();
        PidPdfs pdfs = PidCalibration.build(detector, config.pidTracksPerType(), seedFor(1));
        progress.accept(String.format(Locale.ROOT, "PID PDFs from %d gun tracks per type (%.0f s)", config.pidTracksPerType(),
                seconds(t0)));
        TriggerEfficiencyMaps trigger = TriggerEfficiencyMaps.PAPER;
        SignalChain chain = new SignalChain(detector, pdfs, trigger, BEAMS);
        double[] masses = config.massesGeV();

        IsrVetoCorrection.Result isr = IsrVetoCorrection.measure(chain.selection(),
                new FastDetector(DetectorParameters.NOMINAL.withBeamBackgroundClustersMean(0)), BEAMS, config.isrEvents(),
                config.crossSectionPoints(), config.presamples(), seedFor(4));
        progress.accept(String.format(Locale.ROOT, "ISR veto: structure function %.4f, exact ISR %.4f, exact ISR+FSR %.4f; "
                + "correction %.4f +- %.4f (%.0f s)", isr.vetoSf(), isr.vetoIsr(), isr.vetoFull(), isr.factor(), isr.factorError(),
                seconds(t0)));

        Map<String, SignalShapeModel> shapes = new LinkedHashMap<>();
        Map<String, EfficiencyCurve> efficiencies = new LinkedHashMap<>();
        Map<String, ModelTable> models = new LinkedHashMap<>();
        Map<String, List<SignalMassPoint>> points = new LinkedHashMap<>();
        for (int mi = 0; mi < MODELS.size(); mi++) {
            String model = MODELS.get(mi);
            List<SignalMassPoint> list = new ArrayList<>();
            for (int k = 0; k < masses.length; k++) {
                List<SignalChain.Event> events = chain.run(model, masses[k], config.eventsPerMass(), seedFor(2, mi, k), config.presamples());
                SignalMassPoint p = SignalMassPoint.of(model, masses[k], events, candidateFilter);
                list.add(p);
                progress.accept(String.format(Locale.ROOT, "%s %.3f GeV: efficiency %.3f +- %.3f, resolution %.2f MeV, shift %+.2f MeV (%.0f s)",
                        model, masses[k], p.efficiency(), p.efficiencyError(), 1e3 * p.fit().effectiveSigma(),
                        1e3 * p.meanShiftGeV(), seconds(t0)));
            }
            points.put(model, list);
            shapes.put(model, shapeModel(list));
            efficiencies.put(model, efficiencyCurve(model, selection, list, isr));
            SignalCrossSectionTable xs = SignalCrossSections.table(model, masses,
                    Processes.defaultSettings(model, seedFor(3, mi)).withPresamples(PRESAMPLES_FOR_INTEGRATION), config.crossSectionPoints());
            double[] branching = new double[masses.length];
            for (int k = 0; k < masses.length; k++) {
                branching[k] = DimuonResonance.of(model, masses[k], 1.0).branchingFractionMuMu();
            }
            models.put(model, new ModelTable(xs, branching));
            progress.accept(String.format(Locale.ROOT, "%s: sigma(g=1) x B at %d masses (%.0f s)", model, masses.length, seconds(t0)));
        }
        Map<String, String> provenance = new LinkedHashMap<>(config.describe());
        provenance.put("builder", "fourmu calibrate (simulation.calibration.CalibrationBuilder)");
        provenance.put("efficiencies", selection);
        provenance.put("mlp", mlp.isEmpty() ? "none: efficiencies are before MLP" : mlp.formatId());
        provenance.put("detector", "FastDetector.nominal() (docs/detector.md)");
        provenance.put("trigger", "TriggerEfficiencyMaps.PAPER");
        provenance.put("signalCoupling", Double.toString(SignalChain.SIGNAL_COUPLING));
        provenance.put("xCandidate", "the selected candidate nearest the generated reduced mass");
        provenance.put("resolution", "effective sigma: half the shortest interval holding 68.27% of the fitted shape");
        provenance.put("isrCorrection", String.format(Locale.ROOT, "(1 - f_ISR)/(1 - f_SF) = (1 - %.5f)/(1 - %.5f): photon veto "
                + "of mu+mu-(gamma) with M(mumu) 10-11 GeV, exact O(alpha) ISR vs the structure function", isr.vetoIsr(), isr.vetoSf()));
        provenance.put("systematics", "paper Table I (SystematicUncertainties.paperTableI)");
        CalibrationBundle bundle = new CalibrationBundle(provenance, shapes, efficiencies, trigger, pdfs,
                SystematicUncertainties.paperTableI(), models, mlp);
        progress.accept(String.format(Locale.ROOT, "bundle %s built in %.0f s", bundle.shortId(), seconds(t0)));
        return new Result(bundle, points, isr);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The fitted shapes as a table over mass: resolution = effective sigma, mean shift = peak minus true reduced mass. */
    static SignalShapeModel shapeModel(List<SignalMassPoint> points) {
        int k = points.size();
        double[][] c = new double[10][k];
        for (int i = 0; i < k; i++) {
            SignalMassPoint p = points.get(i);
            double[] q = p.fit().parameters();
            c[0][i] = p.massGeV();
            for (int j = 1; j < SignalShapeFit.NAMES.length; j++) {
                c[j][i] = q[j];
            }
            c[8][i] = p.fit().effectiveSigma();
            c[9][i] = p.meanShiftGeV();
        }
        return new SignalShapeModel(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9]);
    }

    static EfficiencyCurve efficiencyCurve(String model, String selection, List<SignalMassPoint> points, IsrVetoCorrection.Result isr) {
        double[] m = points.stream().mapToDouble(SignalMassPoint::massGeV).toArray();
        double[] e = points.stream().mapToDouble(SignalMassPoint::efficiency).toArray();
        double[] de = points.stream().mapToDouble(SignalMassPoint::efficiencyError).toArray();
        return new EfficiencyCurve(model, selection, m, e, de, isr.factor(), isr.factorError());
    }
}
