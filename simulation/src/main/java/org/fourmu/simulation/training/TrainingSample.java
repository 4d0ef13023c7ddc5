package org.fourmu.simulation.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.event.McTruth;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.simulation.SimulatedChain;
import org.fourmu.simulation.detector.SimulatedProcess;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.generator.FourMuonProcess;
import org.fourmu.simulation.generator.Processes;
import org.fourmu.simulation.generator.UnweightedEventGenerator;

/**
 * The simulated candidates the networks learn from (paper Sec. IV D): Z' signal on a fine mass
 * grid across every MLP range, so the signal is quasi-continuous in mass, against e+e- -> 4mu
 * background, both through the whole chain (fast detector, trigger, PID, selection, 4C fit).
 *
 * @param candidates               every candidate of every selected event, in a fixed order
 * @param backgroundEvents         generated background events per split (selected or not)
 * @param signalEvents             generated signal events per split
 * @param backgroundCrossSectionFb the 4mu cross section inside the generator cuts, from our generator
 * @param config                   how the sample was made
 */
public record TrainingSample(List<LabelledCandidate> candidates, Map<Split, Long> backgroundEvents,
                             Map<Split, Long> signalEvents, double backgroundCrossSectionFb, Config config) {

    /** Sample key of the background (signal masses use 1 + their grid index). */
    private static final long BACKGROUND_SAMPLE = 0;
    /** Run number of the background; signal mass i uses SIGNAL_RUN + i (runs key the detector and trigger streams). */
    private static final int BACKGROUND_RUN = 100;
    private static final int SIGNAL_RUN = 1000;
    /** The X pair is the candidate nearest the generated mass, if within this many paper resolutions in M_R. */
    static final double TRUE_X_WINDOW_RESOLUTIONS = 10;
    /** Signal coupling: irrelevant for the shapes (the width stays far below the resolution). */
    private static final double SIGNAL_COUPLING = 0.01;
    /** Events simulated per parallel batch. */
    private static final int BATCH = 2000;

    /**
     * How the sample is made.
     *
     * @param seed                 seed of every stream
     * @param backgroundEvents     generated e+e- -> 4mu events
     * @param signalEventsPerRange generated Z' events per MLP range, spread evenly over its mass grid
     * @param massStepGeV          signal mass grid step (paper: 5 MeV)
     * @param signalPresamples     presampling points per signal mass (maximum weight; events above it keep weight > 1)
     */
    public record Config(long seed, int backgroundEvents, int signalEventsPerRange, double massStepGeV, int signalPresamples) {

        public Config {
            if (backgroundEvents < 1 || signalEventsPerRange < 1 || !(massStepGeV > 0) || signalPresamples < 100) {
                throw new IllegalArgumentException("sample sizes must be positive and the mass step > 0");
            }
        }
    }

    public TrainingSample {
        candidates = List.copyOf(candidates);
        backgroundEvents = Collections.unmodifiableMap(new EnumMap<>(backgroundEvents));
        signalEvents = Collections.unmodifiableMap(new EnumMap<>(signalEvents));
    }

    /** Simulates the sample; deterministic for the configuration whatever the thread count. */
    public static TrainingSample simulate(SimulatedChain chain, Config config) {
        List<LabelledCandidate> out = new ArrayList<>();
        EnumMap<Split, Long> bkgEvents = counts();
        EnumMap<Split, Long> sigEvents = counts();

        EventGenerator fourMu = Processes.generator(FourMuonProcess.NAME, 0, 0, RandomStreams.forKeys(config.seed(), 1).nextLong());
        SimulatedProcess background = chain.process(fourMu, BACKGROUND_RUN, RandomStreams.forKeys(config.seed(), 2).nextLong());
        for (int first = 0; first < config.backgroundEvents(); first += BATCH) {
            int n = Math.min(BATCH, config.backgroundEvents() - first);
            out.addAll(batch(first, n, i -> backgroundEvent(chain, background, config.seed(), i)));
        }
        for (long i = 0; i < config.backgroundEvents(); i++) {
            bkgEvents.merge(Split.of(config.seed(), BACKGROUND_SAMPLE, i), 1L, Long::sum);
        }

        double[] masses = signalGrid(config.massStepGeV());
        EnumMap<MlpRange, Integer> massesInRange = new EnumMap<>(MlpRange.class);
        for (double m : masses) {
            massesInRange.merge(MlpRange.of(m), 1, Integer::sum);
        }
        int[] perMass = new int[masses.length];
        for (int k = 0; k < masses.length; k++) {
            int inRange = massesInRange.get(MlpRange.of(masses[k]));
            perMass[k] = (config.signalEventsPerRange() + inRange - 1) / inRange;
        }
        for (int first = 0; first < masses.length; first += 64) {
            int n = Math.min(64, masses.length - first);
            out.addAll(batch(first, n, k -> signalMass(chain, config, k, masses[k], perMass[k])));
        }
        for (int k = 0; k < masses.length; k++) {
            for (long i = 0; i < perMass[k]; i++) {
                sigEvents.merge(Split.of(config.seed(), 1 + k, i), 1L, Long::sum);
            }
        }
        return new TrainingSample(out, bkgEvents, sigEvents, fourMu.crossSection().valueFb(), config);
    }

    /** The signal mass grid: the centres of massStep-wide cells tiling each MLP range. */
    public static double[] signalGrid(double massStepGeV) {
        List<Double> grid = new ArrayList<>();
        for (MlpRange r : MlpRange.values()) {
            int cells = (int) Math.round((r.highGeV() - r.lowGeV()) / massStepGeV);
            double step = (r.highGeV() - r.lowGeV()) / cells;
            for (int i = 0; i < cells; i++) {
                grid.add(r.lowGeV() + (i + 0.5) * step);
            }
        }
        return grid.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static EnumMap<Split, Long> counts() {
        EnumMap<Split, Long> m = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            m.put(s, 0L);
        }
        return m;
    }

    /** Runs {@code work} for first .. first + n - 1 in parallel and concatenates the results in index order. */
    private static List<LabelledCandidate> batch(int first, int n, java.util.function.IntFunction<List<LabelledCandidate>> work) {
        @SuppressWarnings("unchecked")
        List<LabelledCandidate>[] parts = new List[n];
        IntStream.range(0, n).parallel().forEach(i -> parts[i] = work.apply(first + i));
        List<LabelledCandidate> all = new ArrayList<>();
        for (List<LabelledCandidate> p : parts) {
            all.addAll(p);
        }
        return all;
    }

    private static double eventWeight(RecordedEvent e) {
        return e.mcTruth().map(McTruth::weight).orElse(1.0);
    }

    private static List<LabelledCandidate> backgroundEvent(SimulatedChain chain, SimulatedProcess process, long seed, long index) {
        RecordedEvent e = process.event(index);
        EventSelection.Outcome o = chain.select(e);
        if (!o.passed()) {
            return List.of();
        }
        Split split = Split.of(seed, BACKGROUND_SAMPLE, index);
        List<LabelledCandidate> out = new ArrayList<>(o.candidates().size());
        for (Candidate c : o.candidates()) {
            out.add(new LabelledCandidate(index, split, false, false, eventWeight(e), c.massGeV(), Double.NaN, c));
        }
        return out;
    }

    private static List<LabelledCandidate> signalMass(SimulatedChain chain, Config config, int k, double massGeV, int events) {
        long generatorSeed = RandomStreams.forKeys(config.seed(), 3, k).nextLong();
        EventGenerator generator = new UnweightedEventGenerator(
                Processes.hardProcess(LmuLtauZPrime.NAME, massGeV, SIGNAL_COUPLING),
                Processes.defaultSettings(LmuLtauZPrime.NAME, generatorSeed).withPresamples(config.signalPresamples()));
        SimulatedProcess process = chain.process(generator, SIGNAL_RUN + k, RandomStreams.forKeys(config.seed(), 4, k).nextLong());
        double trueReduced = CandidateBuilder.reducedMass(massGeV);
        double window = TRUE_X_WINDOW_RESOLUTIONS * SignalShapeModel.paperDefault().resolutionGeV(massGeV);
        List<LabelledCandidate> out = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            RecordedEvent e = process.event(i);
            EventSelection.Outcome o = chain.select(e);
            if (!o.passed()) {
                continue;
            }
            Candidate x = null;
            for (Candidate c : o.candidates()) {
                if (x == null || Math.abs(c.reducedMassGeV() - trueReduced) < Math.abs(x.reducedMassGeV() - trueReduced)) {
                    x = c;
                }
            }
            boolean matched = x != null && Math.abs(x.reducedMassGeV() - trueReduced) < window;
            long event = ((long) (1 + k) << 32) | i;
            Split split = Split.of(config.seed(), 1 + k, i);
            for (Candidate c : o.candidates()) {
                out.add(new LabelledCandidate(event, split, true, matched && c == x, eventWeight(e), c.massGeV(), massGeV, c));
            }
        }
        return out;
    }

    /** The training examples of one range and split, in sample order. */
    public Examples examples(MlpRange range, Split split) {
        List<LabelledCandidate> rows = candidates.stream()
                .filter(c -> c.split() == split && c.isExample() && c.range() == range).toList();
        double[][] x = new double[rows.size()][];
        double[] y = new double[rows.size()];
        double[] w = new double[rows.size()];
        double[] m = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            LabelledCandidate c = rows.get(i);
            x[i] = c.candidate().features();
            y[i] = c.trueX() ? 1 : 0;
            w[i] = c.weight();
            m[i] = c.massGeV();
        }
        return new Examples(x, y, w, m);
    }

    /**
     * Labelled examples in arrays.
     *
     * @param features one feature vector per example
     * @param labels   1 signal, 0 background
     * @param weights  event weights
     * @param massesGeV M(mumu) of each example
     */
    public record Examples(double[][] features, double[] labels, double[] weights, double[] massesGeV) {

        public int size() {
            return labels.length;
        }

        public int count(double label) {
            int n = 0;
            for (double y : labels) {
                n += y == label ? 1 : 0;
            }
            return n;
        }
    }
}
