package org.fourmu.app.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.simulation.calibration.PidCalibration;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.detector.SimulatedProcess;
import org.fourmu.simulation.mix.MixProcesses;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.aggregation.SegmentScan;
import org.fourmu.topology.processors.MassSegments;

/**
 * How long the punctuator's scan of one mass segment takes, on one thread as on the stream thread,
 * against the exactly-once transaction timeout. The histograms: the four-muon background of a
 * given luminosity (candidates resampled from simulated events through the selection, without the
 * MLP cut, so more than the paper keeps), and the worst case for the O(bins) fit, every bin filled.
 */
public final class ScanBenchmark {

    /** One histogram's timing: per segment fits, wall-clock and CPU milliseconds of the scanning thread. */
    public record Result(String histogram, long entries, int[] fits, double[] millis, double[] cpuMillis) {

        public double meanCpuMillis() {
            return java.util.Arrays.stream(cpuMillis).average().orElse(Double.NaN);
        }

        public double maxCpuMillis() {
            return java.util.Arrays.stream(cpuMillis).max().orElse(Double.NaN);
        }

        public double meanMillis() {
            return java.util.Arrays.stream(millis).average().orElse(Double.NaN);
        }

        public double maxMillis() {
            return java.util.Arrays.stream(millis).max().orElse(Double.NaN);
        }

        public int maxSegment() {
            int s = 0;
            for (int i = 1; i < millis.length; i++) {
                s = millis[i] > millis[s] ? i : s;
            }
            return s;
        }
    }

    private final SegmentScan segmentScan = new SegmentScan(MassSegments.DEFAULT, FitScan.paper(SignalShapeModel.paperDefault()));

    /**
     * The simulated four-muon background at {@code lumiInvFb}: {@code sampleEvents} simulated events
     * through the paper's selection, their candidates resampled to the expected count with a 1 MeV jitter.
     */
    public Histogram[] background(double lumiInvFb, int sampleEvents, long seed) {
        SimulatedProcess process = new SimulatedProcess(MixProcesses.generator("mumumumu", 0, 0, seed), FastDetector.nominal(),
                0, 1, BeamConditions.NOMINAL, seed);
        EventSelection selection = SearchTopology.Analysis.paper(PidCalibration.build(FastDetector.nominal(), 20_000, seed),
                "bench").selection();
        List<Candidate> sample = new ArrayList<>();
        for (RecordedEvent e : process.range(0, sampleEvents)) {
            sample.addAll(selection.apply(e, BeamConditions.NOMINAL).candidates());
        }
        double perEvent = (double) sample.size() / sampleEvents;
        long expected = Math.round(process.generator().crossSection().valueFb() * lumiInvFb * perEvent);
        Histogram[] byRange = emptyRanges();
        UniformRandomProvider rng = RandomStreams.forKeys(seed, 0xBE7C4L);
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        for (long i = 0; i < expected && !sample.isEmpty(); i++) {
            Candidate c = sample.get(rng.nextInt(sample.size()));
            byRange[c.mlpRange().number()].fill(c.reducedMassGeV() + 0.001 * gauss.sample());
        }
        return byRange;
    }

    /** Every bin of every range holds one entry: each fit sees the most non-empty bins its window can have. */
    public static Histogram[] everyBinFilled() {
        Histogram[] byRange = emptyRanges();
        for (Histogram h : byRange) {
            for (int b = 0; b < h.bins(); b++) {
                h.fill(h.binCentre(b));
            }
        }
        return byRange;
    }

    private static Histogram[] emptyRanges() {
        Histogram[] byRange = new Histogram[org.fourmu.physics.candidates.MlpRange.values().length + 1];
        for (int r = 0; r < byRange.length; r++) {
            byRange[r] = Histogram.reducedMass();
        }
        return byRange;
    }

    /** Time the scan of every segment, after {@code warmups} untimed passes over all of them. */
    public Result time(String name, Histogram[] byRange, int warmups) {
        int n = segmentScan.segments().count();
        for (int w = 0; w < warmups; w++) {
            for (int s = 0; s < n; s++) {
                segmentScan.run(s, r -> byRange[r]);
            }
        }
        int[] fits = new int[n];
        double[] millis = new double[n];
        double[] cpuMillis = new double[n];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int s = 0; s < n; s++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            fits[s] = segmentScan.run(s, r -> byRange[r]).size();
            millis[s] = (System.nanoTime() - t0) / 1e6;
            cpuMillis[s] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
        }
        long entries = 0;
        for (Histogram h : byRange) {
            entries += h.entries();
        }
        return new Result(name, entries, fits, millis, cpuMillis);
    }
}
