package org.fourmu.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.fourmu.physics.fit.FitScan;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.spectrum.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
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
    public static class Threads {
        @Param({"true", "false"})
        public boolean parallel;
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

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<FitScan.Point> fitOneMass(Spectrum s, OneMass m) {
        return s.scan.scan(List.of(m.massGeV), range -> s.histogram, false);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<FitScan.Point> scanOneSegment(Spectrum s, Segment g) {
        return s.scan.scan(g.masses, range -> s.histogram, false);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<FitScan.Point> scanAllMasses(Spectrum s, Threads t) {
        return s.scan.scan(s.scan.masses(), range -> s.histogram, t.parallel);
    }

    /** Nanoseconds per filled candidate. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(FILLS)
    public Histogram fillHistogram(Fill f) {
        for (double x : f.masses) {
            f.histogram.fill(x);
        }
        return f.histogram;
    }
}
