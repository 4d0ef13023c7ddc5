package org.fourmu.simulation.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.mlp.CutCurve;
import org.fourmu.physics.mlp.MlpSelection;
import org.fourmu.physics.mlp.MultilayerPerceptron;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.SimulatedChain;

/**
 * Builds the MLP selection from simulation (paper Sec. IV D): the training sample, one network per
 * MLP range (trained in parallel, each deterministic), and the cut on each network's output
 * optimised with Punzi's figure of merit in mass slices on the validation split.
 *
 * <p>Normalisation of B: each validation background candidate stands for
 * sigma(4mu) x L / N(validation background events) expected candidates, sigma(4mu) being our
 * generator's cross section inside its cuts and L the luminosity (paper: 178 fb^-1). The count in
 * a slice is turned into the count in a signal window of +-2 resolutions in reduced mass at the
 * slice centre (resolution from {@link SignalShapeModel#paperDefault()}) by the ratio of the
 * window width to the slice width in reduced mass, i.e. assuming a flat spectrum across the slice.
 * The cut curve of a range runs straight between the slice centres and stays constant beyond the
 * outer ones.
 */
public final class MlpCalibration {

    /** The paper's integrated luminosity (abstract and Sec. II). */
    public static final double PAPER_LUMINOSITY_INV_FB = 178;
    /** Half-width of the signal window in resolutions. */
    public static final double WINDOW_HALF_WIDTH_RESOLUTIONS = 2;

    /**
     * Everything the MLP part of the calibration depends on.
     *
     * @param sample          how the training sample is simulated
     * @param training        network architecture and training settings (the same for the five ranges)
     * @param lumiInvFb       luminosity that normalises B
     * @param punziA          the number of sigmas a in eps / (a/2 + sqrt B)
     * @param sliceWidthGeV   target width of the mass slices for the cut (at least two per range)
     */
    public record Config(TrainingSample.Config sample, MlpTraining.Config training, double lumiInvFb, double punziA,
                         double sliceWidthGeV) {

        /**
         * The calibration configuration: 5 MeV signal grid with 15,000 Z' events per range, 150,000
         * four-muon events, a 16-20-10-1 network; ~10 minutes on two cores.
         */
        public static Config standard(long seed) {
            return new Config(new TrainingSample.Config(seed, 150_000, 15_000, 0.005, 1000),
                    new MlpTraining.Config(new int[] {20, 10}, 64, 1e-3, 200, 15), PAPER_LUMINOSITY_INV_FB, PunziCut.DEFAULT_A, 0.5);
        }

        /** A few seconds: a coarse grid and small samples, for tests only. */
        public static Config quick(long seed) {
            return new Config(new TrainingSample.Config(seed, 2000, 200, 0.25, 200),
                    new MlpTraining.Config(new int[] {8}, 32, 3e-3, 15, 4), PAPER_LUMINOSITY_INV_FB, PunziCut.DEFAULT_A, 0.5);
        }
    }

    /**
     * The Punzi optimum in one mass slice.
     *
     * @param range              the MLP range
     * @param lowGeV             slice lower edge in M(mumu)
     * @param highGeV            slice upper edge
     * @param signalExamples     validation signal candidates in the slice
     * @param backgroundExamples validation background candidates in the slice
     * @param backgroundInWindow B before the cut: expected background candidates in the +-2 resolution window
     * @param optimum            the cut, eps, B after the cut and the figure of merit
     */
    public record SliceOptimum(MlpRange range, double lowGeV, double highGeV, int signalExamples, int backgroundExamples,
                               double backgroundInWindow, PunziCut optimum) {

        public double centreGeV() {
            return (lowGeV + highGeV) / 2;
        }
    }

    /**
     * What the calibration produced, with what the report needs.
     *
     * @param selection          the five networks and their cut curves
     * @param sample             the simulated sample (all splits)
     * @param training           learning curves per range
     * @param slices             Punzi optima per slice, ranges in order
     * @param config             the configuration
     * @param simulationTime     cost of the simulation
     * @param trainingTime       cost of training and cut optimisation
     */
    public record Result(MlpSelection selection, TrainingSample sample, Map<MlpRange, MlpTraining.Result> training,
                         List<SliceOptimum> slices, Config config, Cost simulationTime, Cost trainingTime) {

        public Result {
            training = Collections.unmodifiableMap(new EnumMap<>(training));
            slices = List.copyOf(slices);
        }
    }

    /**
     * Wall time and the CPU time of the whole process (all threads) over the same interval.
     *
     * @param wallSeconds elapsed time
     * @param cpuSeconds  process CPU time (NaN where the JVM does not report it)
     */
    public record Cost(double wallSeconds, double cpuSeconds) {

        /** A stopwatch started now. */
        static long[] start() {
            return new long[] {System.nanoTime(), processCpuNanos()};
        }

        static Cost since(long[] start) {
            long cpu = processCpuNanos();
            return new Cost((System.nanoTime() - start[0]) / 1e9, cpu < 0 || start[1] < 0 ? Double.NaN : (cpu - start[1]) / 1e9);
        }

        private static long processCpuNanos() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : -1;
        }

        public Cost plus(Cost other) {
            return new Cost(wallSeconds + other.wallSeconds, cpuSeconds + other.cpuSeconds);
        }
    }

    private MlpCalibration() {
    }

    /** Simulates, trains and optimises with the nominal simulated chain. */
    public static Result build(Config config) {
        return build(SimulatedChain.nominal(), config);
    }

    public static Result build(SimulatedChain chain, Config config) {
        long[] start = Cost.start();
        TrainingSample sample = TrainingSample.simulate(chain, config.sample());
        return train(sample, config, Cost.since(start));
    }

    /** Trains the five networks on a simulated sample and optimises their cuts. */
    public static Result train(TrainingSample sample, Config config, Cost simulationTime) {
        long[] start = Cost.start();
        long seed = config.sample().seed();
        Map<MlpRange, MlpTraining.Result> trained = Collections.synchronizedMap(new EnumMap<>(MlpRange.class));
        Arrays.stream(MlpRange.values()).parallel().forEach(r -> trained.put(r, MlpTraining.train(
                sample.examples(r, Split.TRAIN), sample.examples(r, Split.VALIDATION), config.training(),
                RandomStreams.forKeys(seed, 5, r.number()).nextLong())));
        Map<MlpRange, MultilayerPerceptron> networks = new EnumMap<>(MlpRange.class);
        Map<MlpRange, CutCurve> cuts = new EnumMap<>(MlpRange.class);
        List<SliceOptimum> slices = new ArrayList<>();
        for (MlpRange r : MlpRange.values()) {
            MultilayerPerceptron net = trained.get(r).network();
            networks.put(r, net);
            List<SliceOptimum> rangeSlices = optimiseSlices(r, net, sample, config);
            slices.addAll(rangeSlices);
            cuts.put(r, cutCurve(r, rangeSlices));
        }
        return new Result(new MlpSelection(networks, cuts), sample, trained, slices, config, simulationTime, Cost.since(start));
    }

    /** The slice edges of a range: equal slices of about the target width, at least two. */
    static double[] sliceEdges(MlpRange r, double targetWidthGeV) {
        int n = Math.max(2, (int) Math.round((r.highGeV() - r.lowGeV()) / targetWidthGeV));
        double[] edges = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            edges[i] = r.lowGeV() + i * (r.highGeV() - r.lowGeV()) / n;
        }
        return edges;
    }

    /**
     * Expected background candidates per validation background candidate in the signal window at
     * the slice centre (class comment).
     */
    static double backgroundScale(TrainingSample sample, Config config, double lowGeV, double highGeV) {
        double perCandidate = sample.backgroundCrossSectionFb() * config.lumiInvFb() / sample.backgroundEvents().get(Split.VALIDATION);
        double centre = (lowGeV + highGeV) / 2;
        double window = 2 * WINDOW_HALF_WIDTH_RESOLUTIONS * SignalShapeModel.paperDefault().resolutionGeV(centre);
        double slice = CandidateBuilder.reducedMass(highGeV) - CandidateBuilder.reducedMass(lowGeV);
        return perCandidate * window / slice;
    }

    static List<SliceOptimum> optimiseSlices(MlpRange r, MultilayerPerceptron net, TrainingSample sample, Config config) {
        TrainingSample.Examples v = sample.examples(r, Split.VALIDATION);
        double[] edges = sliceEdges(r, config.sliceWidthGeV());
        List<SliceOptimum> out = new ArrayList<>();
        for (int k = 0; k + 1 < edges.length; k++) {
            double lo = edges[k];
            double hi = edges[k + 1];
            double scale = backgroundScale(sample, config, lo, hi);
            List<Double> s = new ArrayList<>();
            List<Double> sw = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            List<Double> be = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                double m = v.massesGeV()[i];
                if (m < lo || m >= hi) {
                    continue;
                }
                double score = net.score(v.features()[i]);
                if (v.labels()[i] > 0.5) {
                    s.add(score);
                    sw.add(v.weights()[i]);
                } else {
                    b.add(score);
                    be.add(v.weights()[i] * scale);
                }
            }
            if (s.isEmpty()) {
                continue;
            }
            double before = be.stream().mapToDouble(Double::doubleValue).sum();
            PunziCut cut = PunziCut.maximise(toArray(s), toArray(sw), toArray(b), toArray(be), config.punziA());
            out.add(new SliceOptimum(r, lo, hi, s.size(), b.size(), before, cut));
        }
        return out;
    }

    /** Straight lines between the slice optima at the slice centres; no cut if no slice had signal. */
    static CutCurve cutCurve(MlpRange r, List<SliceOptimum> slices) {
        if (slices.isEmpty()) {
            return CutCurve.constant((r.lowGeV() + r.highGeV()) / 2, 0);
        }
        double[] m = slices.stream().mapToDouble(SliceOptimum::centreGeV).toArray();
        double[] c = slices.stream().mapToDouble(o -> o.optimum().cut()).toArray();
        return new CutCurve(m, c);
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
