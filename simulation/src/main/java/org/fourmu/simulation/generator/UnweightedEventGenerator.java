package org.fourmu.simulation.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.isr.InitialState;
import org.fourmu.simulation.isr.InitialStateSampler;

/**
 * Turns a {@link HardProcess} into lab-frame events: beam energy spread and ISR, the hard process
 * in its own c.m. frame at sqrt(s'), rotation onto the incoming e- direction and boost to the lab,
 * generator cuts, then hit-or-miss unweighting against the maximum weight of a presampling run.
 * A weighted point whose weight exceeds that maximum is kept with weight w/w_max (reported in
 * {@link GeneratedEvent#weight()}), so the sample stays unbiased.
 */
public final class UnweightedEventGenerator implements EventGenerator {

    /** Stream key of the presampling run (event streams use non-negative indices). */
    private static final long PRESAMPLE_KEY = -1;
    private static final int CHUNK = 1000;

    private final HardProcess process;
    private final GeneratorSettings settings;
    private final InitialStateSampler initial;
    private final CrossSection crossSection;
    private final double maxWeight;

    public UnweightedEventGenerator(HardProcess process, GeneratorSettings settings) {
        this.process = process;
        this.settings = settings;
        this.initial = new InitialStateSampler(settings.beams(), settings.isr(), settings.beamEnergySpread());
        double[] stats = integrate(settings.presamples(), PRESAMPLE_KEY);
        this.crossSection = toCrossSection(stats);
        this.maxWeight = stats[3];
        if (!(maxWeight > 0)) {
            throw new IllegalStateException("process " + process.name() + " has zero cross section inside the cuts");
        }
    }

    /** A weighted lab-frame event. */
    public record WeightedEvent(List<GeneratedParticle> particles, double weightInvGeV2) {
    }

    /** One weighted trial (weight 0 if outside phase space or cuts). */
    public WeightedEvent sampleWeighted(UniformRandomProvider rng) {
        InitialState is = initial.sample(rng);
        double sqrtSHat = is.sqrtSHat();
        if (!(sqrtSHat > process.thresholdGeV()) || !settings.cuts().acceptsHardMass(sqrtSHat)) {
            return new WeightedEvent(List.of(), 0);
        }
        HardEvent h = process.sample(rng, sqrtSHat);
        if (h.weight() == 0) {
            return new WeightedEvent(List.of(), 0);
        }
        FourVector[] lab = is.toLab(h.momenta());
        int[] ids = process.pdgIds();
        List<GeneratedParticle> out = new ArrayList<>(lab.length + is.photons().size());
        for (int i = 0; i < lab.length; i++) {
            GeneratedParticle gp = new GeneratedParticle(ids[i], lab[i]);
            if (gp.charge() != 0 && !settings.cuts().acceptsCharged(lab[i])) {
                return new WeightedEvent(List.of(), 0);
            }
            out.add(gp);
        }
        for (FourVector k : is.photons()) {
            out.add(new GeneratedParticle(PhysicalConstants.PDG_PHOTON, k));
        }
        return new WeightedEvent(out, h.weight());
    }

    /**
     * Mean weight over n points in fixed chunks, each with its own stream keyed by (seed, key,
     * chunk): {sum w, sum w^2, n, max w}; the same numbers for any number of threads.
     */
    public double[] integrate(long n, long key) {
        int chunks = (int) ((n + CHUNK - 1) / CHUNK);
        double[][] parts = new double[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            UniformRandomProvider rng = RandomStreams.forKeys(settings.seed(), key, c);
            long m = Math.min(CHUNK, n - (long) c * CHUNK);
            double sw = 0, sw2 = 0, max = 0;
            for (long i = 0; i < m; i++) {
                double w = sampleWeighted(rng).weightInvGeV2();
                sw += w;
                sw2 += w * w;
                max = Math.max(max, w);
            }
            parts[c] = new double[] {sw, sw2, m, max};
        });
        double[] t = new double[4];
        for (double[] p : parts) {
            t[0] += p[0];
            t[1] += p[1];
            t[2] += p[2];
            t[3] = Math.max(t[3], p[3]);
        }
        return t;
    }

    /** The cross section from {sum w, sum w^2, n, max}. */
    public static CrossSection toCrossSection(double[] stats) {
        double n = stats[2];
        double mean = stats[0] / n;
        double var = Math.max(0, stats[1] / n - mean * mean);
        double f = PhysicalConstants.INV_GEV2_TO_FB;
        return new CrossSection(mean * f, Math.sqrt(var / n) * f, (long) n);
    }

    /** A cross section from n fresh weighted points (stream key 1 + the given run number). */
    public CrossSection crossSection(long n, long run) {
        return toCrossSection(integrate(n, 1 + run));
    }

    @Override
    public String process() {
        return process.name();
    }

    @Override
    public GeneratedEvent generate(UniformRandomProvider rng) {
        while (true) {
            WeightedEvent w = sampleWeighted(rng);
            if (w.weightInvGeV2() > 0 && rng.nextDouble() * maxWeight < w.weightInvGeV2()) {
                return new GeneratedEvent(process.name(), w.particles(), process.xMassGeV(),
                    Math.max(1.0, w.weightInvGeV2() / maxWeight));
            }
        }
    }

    @Override
    public GeneratedEvent generate(long index) {
        return generate(EventGenerator.streamFor(settings.seed(), index));
    }

    @Override
    public CrossSection crossSection() {
        return crossSection;
    }

    @Override
    public double unweightingEfficiency() {
        return crossSection.valueFb() / (maxWeight * PhysicalConstants.INV_GEV2_TO_FB);
    }

    public HardProcess hardProcess() {
        return process;
    }

    public GeneratorSettings settings() {
        return settings;
    }
}
