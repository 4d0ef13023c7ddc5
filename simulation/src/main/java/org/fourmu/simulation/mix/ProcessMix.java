package org.fourmu.simulation.mix;

import java.util.ArrayList;
import java.util.List;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.generator.CrossSection;
import org.fourmu.simulation.generator.EventGenerator;

/**
 * Processes mixed at their cross sections: event {@code index} of a seed picks its process with probability
 * sigma_i / sum(sigma) from a key-derived uniform number, then asks that process's generator for its own
 * event {@code index}. Deterministic for any thread count or order.
 */
public final class ProcessMix implements EventGenerator {

    private final List<EventGenerator> generators;
    private final double[] cumulative;
    private final long seed;

    private final String name;

    public ProcessMix(List<EventGenerator> generators, long seed) {
        this("mix", generators, seed);
    }

    /** A named mix (the name is {@link #process()}; each event keeps its own process name). */
    public ProcessMix(String name, List<EventGenerator> generators, long seed) {
        this.name = name;
        this.generators = List.copyOf(generators);
        this.seed = seed;
        this.cumulative = new double[generators.size()];
        double sum = 0;
        for (int i = 0; i < generators.size(); i++) {
            sum += generators.get(i).crossSection().valueFb();
            cumulative[i] = sum;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** The processes of the mix. */
    public List<EventGenerator> generators() {
        return generators;
    }

    /** Sum of the cross sections in fb. */
    public double totalCrossSectionFb() {
        double sum = 0;
        for (EventGenerator g : generators) {
            sum += g.crossSection().valueFb();
        }
        return sum;
    }

    /** Index in {@link #generators()} of the process of event {@code index}. */
    public int processOf(long index) {
        double u = RandomStreams.uniform(seed, index, 0x6D6978L);
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    /** Event {@code index} of the mix. */
    @Override
    public GeneratedEvent generate(long index) {
        return generators.get(processOf(index)).generate(index);
    }

    @Override
    public String process() {
        return name;
    }

    /** An event drawn with the given stream: the process by cross section, then its event. */
    @Override
    public GeneratedEvent generate(org.apache.commons.rng.UniformRandomProvider rng) {
        double u = rng.nextDouble();
        int i = 0;
        while (i < cumulative.length - 1 && u >= cumulative[i]) {
            i++;
        }
        return generators.get(i).generate(rng);
    }

    /** The summed cross section (errors added in quadrature). */
    @Override
    public CrossSection crossSection() {
        double err2 = 0;
        long points = 0;
        for (EventGenerator g : generators) {
            err2 += g.crossSection().errorFb() * g.crossSection().errorFb();
            points += g.crossSection().points();
        }
        return new CrossSection(totalCrossSectionFb(), Math.sqrt(err2), points);
    }

    /** Events are unweighted: each process's own efficiency was paid when generating it. */
    @Override
    public double unweightingEfficiency() {
        return 1.0;
    }

    /** The mix's generators by name, in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        generators.forEach(g -> names.add(g.process()));
        return names;
    }
}
