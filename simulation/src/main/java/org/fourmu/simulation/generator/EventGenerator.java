package org.fourmu.simulation.generator;

import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.GeneratedEvent;

/** A source of unweighted events of one process in the lab frame, with its cross section. */
public interface EventGenerator {

    /** Process name ("mumu", "zprime", "scalar", "mumumumu"). */
    String process();

    /** One unweighted event drawn with the given random stream. */
    GeneratedEvent generate(UniformRandomProvider rng);

    /** Event number {@code index} of this generator's seed: the same for any thread count or order. */
    GeneratedEvent generate(long index);

    /** The cross section inside the generator cuts (from the presampling run). */
    CrossSection crossSection();

    /** Mean weight / maximum weight of the presampling run: the fraction of trials kept. */
    double unweightingEfficiency();

    /**
     * Events first .. first + count - 1 generated in parallel on the common fork-join pool, returned
     * in index order: the same list for any number of threads.
     */
    default java.util.List<GeneratedEvent> generateRange(long first, int count) {
        GeneratedEvent[] out = new GeneratedEvent[count];
        java.util.stream.IntStream.range(0, count).parallel().forEach(i -> out[i] = generate(first + i));
        return java.util.List.of(out);
    }

    /** A deterministic stream for event {@code index} of a seed. */
    static UniformRandomProvider streamFor(long seed, long index) {
        return RandomStreams.forKeys(seed, index);
    }
}
