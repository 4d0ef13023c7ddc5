package org.fourmu.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.spectrum.Histogram;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The statistics engine on the paper-like spectrum ({@link SyntheticSpectrum}, 100k candidates):
 * one mass point (both fits, observed and expected limits), one segment of the streaming scan
 * (1/32 of 0.212-9 GeV, scanned by one task), the whole scan, and the histogram fill.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ScanBenchmarks {

    /** The streaming topology's 32 equal-width mass segments (topology MassSegments.DEFAULT). */
    static final int SEGMENTS = 32;

    @State(Scope.Benchmark)
    public static class Spectrum {
        final FitScan scan = FitScan.paper(SignalShapeModel.paperDefault());
        Histogram histogram;

        @Setup
        public void fill() {
            histogram = SyntheticSpectrum.histogram(1, SyntheticSpectrum.DEFAULT_ENTRIES, 0, 0);
        }
    }

    @State(Scope.Benchmark)
    public static class OneMass {
        @Param({"0.5", "5.307", "8.5"})
        public double massGeV;
    }

    @State(Scope.Benchmark)
    public static class Segment {
        @Param({"0", "16", "31"})
        public int segment;
        List<Double> masses;

        @Setup
        public void select(Spectrum s) {
            double width = (s.scan.highGeV() - s.scan.lowGeV()) / SEGMENTS;
            double lo = s.scan.lowGeV() + segment * width;
            double hi = segment == SEGMENTS - 1 ? Double.POSITIVE_INFINITY : lo + width;
            masses = s.scan.masses().stream().filter(m -> m >= lo && m < hi).collect(Collectors.toList());
        }
    }

    @State(Scope.Benchmark)
    public static class Fill {
        double[] masses;
        Histogram histogram;

        @Setup
        public void draw() {
            masses = SyntheticSpectrum.reducedMasses(2, FILLS);
            histogram = Histogram.reducedMass();
        }
    }

    static final int FILLS = 100_000;

    /**
     * CPU time of the benchmark thread (ns resolution), next to JMH's wall-clock score: on the shared
     * build machine the wall clock grows with the other jobs' load, the CPU time much less. JMH sums
     * these counters over the measurement iterations: CPU time per call = cpuMs / calls (for
     * fillHistogram one call fills {@link #FILLS} candidates). Single-thread benchmarks only.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        public double cpuMs;
        public long calls;
        private long start;

        @Setup(Level.Iteration)
        public void reset() {
            cpuMs = 0;
            calls = 0;
        }

        @Setup(Level.Invocation)
        public void before() {
            start = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Invocation)
        public void after() {
            cpuMs += (THREADS.getCurrentThreadCpuTime() - start) / 1e6;
            calls++;
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<FitScan.Point> fitOneMass(Spectrum s, OneMass m, Cpu cpu) {
        return s.scan.scan(List.of(m.massGeV), range -> s.histogram, false);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<FitScan.Point> scanOneSegment(Spectrum s, Segment g, Cpu cpu) {
        return s.scan.scan(g.masses, range -> s.histogram, false);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<FitScan.Point> scanAllMassesOneThread(Spectrum s, Cpu cpu) {
        return s.scan.scan(s.scan.masses(), range -> s.histogram, false);
    }

    /** The whole scan on the common fork-join pool: every core of the machine. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<FitScan.Point> scanAllMassesAllCores(Spectrum s) {
        return s.scan.scan(s.scan.masses(), range -> s.histogram, true);
    }

    /** Nanoseconds per filled candidate. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(FILLS)
    public Histogram fillHistogram(Fill f, Cpu cpu) {
        for (double x : f.masses) {
            f.histogram.fill(x);
        }
        return f.histogram;
    }
}
