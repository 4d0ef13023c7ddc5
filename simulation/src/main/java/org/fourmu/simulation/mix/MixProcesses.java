package org.fourmu.simulation.mix;

import java.util.ArrayList;
import java.util.List;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.generator.Processes;

/** Every process by command-line name: the matrix-element generators plus the cheap mix processes. */
public final class MixProcesses {

    /** Names of the cheap approximate processes of this package. */
    public static final List<String> CHEAP_NAMES = List.of();

    private MixProcesses() {
    }

    /** All names {@link #generator} accepts. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(Processes.NAMES);
        all.addAll(CHEAP_NAMES);
        return all;
    }

    /** The generator of a process; mass and coupling are used by the signal models only. */
    public static EventGenerator generator(String name, double massGeV, double coupling, long seed) {
        if (Processes.NAMES.contains(name)) {
            return Processes.generator(name, massGeV, coupling, seed);
        }
        throw new IllegalArgumentException("unknown process '" + name + "'; known: " + names());
    }
}
