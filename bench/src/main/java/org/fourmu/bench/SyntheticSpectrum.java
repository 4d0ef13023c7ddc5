package org.fourmu.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.fit.DoubleCrystalBall;
import org.fourmu.physics.fit.SignalShapeModel;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.spectrum.Histogram;

/**
 * A reduced-mass spectrum shaped like the paper's (Fig. 11) for benchmarks and examples: candidates
 * falling as exp(-M/2 GeV) times the dimuon velocity from threshold to 9.6 GeV, a J/psi peak, and
 * optionally a signal drawn from the scan's signal shape; deterministic for a seed.
 * {@code java -cp bench/target/benchmarks.jar org.fourmu.bench.SyntheticSpectrum out.fmh [entries [mass events]]}
 * writes it as a fourmu histogram for {@code fourmu scan --input}.
 */
public final class SyntheticSpectrum {

    /** Candidates in the paper-like spectrum (the order of magnitude of paper Fig. 11). */
    public static final int DEFAULT_ENTRIES = 100_000;

    private static final double SLOPE_GEV = 2.0;
    private static final double HIGH_GEV = 9.6;
    private static final double JPSI_FRACTION = 0.006;
    private static final double JPSI_WIDTH_GEV = 0.005;

    private SyntheticSpectrum() {
    }

    /** Reduced masses of the background and J/psi candidates. */
    public static double[] reducedMasses(long seed, int entries) {
        UniformRandomProvider rng = RandomStreams.forKeys(seed, 1);
        double threshold = 2 * PhysicalConstants.MUON_MASS_GEV;
        double[] out = new double[entries];
        int jpsi = (int) Math.round(JPSI_FRACTION * entries);
        int n = 0;
        while (n < entries - jpsi) {
            double m = threshold + (HIGH_GEV - threshold) * rng.nextDouble();
            double beta = Math.sqrt(1 - threshold * threshold / (m * m));
            if (rng.nextDouble() < Math.exp(-(m - threshold) / SLOPE_GEV) * beta) {
                out[n++] = CandidateBuilder.reducedMass(m);
            }
        }
        double reducedJpsi = CandidateBuilder.reducedMass(PhysicalConstants.JPSI_MASS_GEV);
        while (n < entries) {
            // Box-Muller from two uniforms: a Gaussian peak of the detector resolution
            double g = Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
            out[n++] = reducedJpsi + JPSI_WIDTH_GEV * g;
        }
        return out;
    }

    /** The spectrum as a histogram, with {@code signalEvents} drawn from the scan's signal shape at {@code signalMassGeV}. */
    public static Histogram histogram(long seed, int entries, double signalMassGeV, int signalEvents) {
        Histogram h = Histogram.reducedMass();
        for (double x : reducedMasses(seed, entries)) {
            h.fill(x);
        }
        if (signalEvents > 0) {
            UniformRandomProvider rng = RandomStreams.forKeys(seed, 2);
            SignalShapeModel shapes = SignalShapeModel.paperDefault();
            double mean = CandidateBuilder.reducedMass(signalMassGeV);
            double width = 30 * shapes.resolutionGeV(signalMassGeV);
            DoubleCrystalBall shape = shapes.shape(signalMassGeV, mean, mean - width, mean + width);
            double peak = 1.01 * shape.density(mean);
            int added = 0;
            while (added < signalEvents) {
                double x = mean - width + 2 * width * rng.nextDouble();
                if (rng.nextDouble() * peak < shape.density(x)) {
                    h.fill(x);
                    added++;
                }
            }
        }
        return h;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: SyntheticSpectrum out.fmh [entries [signalMassGeV signalEvents]]");
            System.exit(2);
        }
        int entries = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_ENTRIES;
        double mass = args.length > 3 ? Double.parseDouble(args[2]) : 0;
        int signal = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Histogram h = histogram(1, entries, mass, signal);
        try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
            h.writeTo(out);
        }
        System.out.println(h.entries() + " entries written to " + args[0]);
    }
}
