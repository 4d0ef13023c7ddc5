package org.fourmu.simulation.mix;

import java.util.ArrayList;
import java.util.List;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.generator.Processes;

/** Every process by command-line name: the matrix-element generators plus the cheap mix processes. */
public final class MixProcesses {

    /** Names of the cheap approximate processes of this package. */
    public static final List<String> CHEAP_NAMES = List.of(BhabhaProcess.NAME, TauPairProcess.NAME,
        HadronicProcess.QQBAR, HadronicProcess.BBBAR, JpsiPiPiProcess.NAME);

    /** The processes of the full load-test mix (everything common at 10.58 GeV plus the rare muon processes). */
    public static final List<String> FULL_MIX = List.of(BhabhaProcess.NAME, "mumu", TauPairProcess.NAME,
        HadronicProcess.QQBAR, HadronicProcess.BBBAR, "eemumu", "mumugamma", "mumumumu", JpsiPiPiProcess.NAME);

    /** The processes that can pass the four-muon selection (physics-enriched demo mode). */
    public static final List<String> ENRICHED_MIX = List.of("mumumumu", "eemumu", "mumugamma", JpsiPiPiProcess.NAME);

    /**
     * Every process at its rate, each once: the full mix without mu+mu-, whose only way to four tracks (a
     * wide-angle ISR photon that converts) is mumugamma's, generated there with the exact matrix element; a mix
     * with both counts those events twice.
     */
    public static final List<String> REALISTIC_MIX = List.of(BhabhaProcess.NAME, TauPairProcess.NAME,
        HadronicProcess.QQBAR, HadronicProcess.BBBAR, "eemumu", "mumugamma", "mumumumu", JpsiPiPiProcess.NAME);

    private MixProcesses() {
    }

    /** Names of the two mixes {@link #generator} also accepts: the full load-test mix and the physics-enriched one. */
    public static final String FULL_MIX_NAME = "mix";
    public static final String ENRICHED_MIX_NAME = "enriched";
    /** Name of {@link #REALISTIC_MIX}. */
    public static final String REALISTIC_MIX_NAME = "realistic";

    /** All names {@link #generator} accepts. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(Processes.NAMES);
        all.addAll(CHEAP_NAMES);
        all.add(FULL_MIX_NAME);
        all.add(ENRICHED_MIX_NAME);
        all.add(REALISTIC_MIX_NAME);
        return all;
    }

    /** The generator of a process; mass and coupling are used by the signal models only. */
    public static EventGenerator generator(String name, double massGeV, double coupling, long seed) {
        List<String> mixed = mixComponents(name);
        if (mixed != null) {
            return mix(name, mixed, massGeV, coupling, seed);
        }
        // each process gets its own seed so that equal indices of different processes are independent
        long processSeed = seed ^ (0x9E3779B97F4A7C15L * (name.hashCode() + 1L));
        if (Processes.NAMES.contains(name)) {
            return Processes.generator(name, massGeV, coupling, processSeed);
        }
        BeamConditions beams = BeamConditions.NOMINAL;
        return switch (name) {
            case BhabhaProcess.NAME -> new BhabhaProcess(processSeed, beams);
            case TauPairProcess.NAME -> new TauPairProcess(processSeed, beams);
            case HadronicProcess.QQBAR, HadronicProcess.BBBAR -> new HadronicProcess(name, processSeed, beams);
            case JpsiPiPiProcess.NAME -> new JpsiPiPiProcess(processSeed, beams);
            default -> throw new IllegalArgumentException("unknown process '" + name + "'; known: " + names());
        };
    }

    /** The processes of a named mix, or null when the name is a single process. */
    private static List<String> mixComponents(String name) {
        return switch (name) {
            case FULL_MIX_NAME -> FULL_MIX;
            case ENRICHED_MIX_NAME -> ENRICHED_MIX;
            case REALISTIC_MIX_NAME -> REALISTIC_MIX;
            default -> null;
        };
    }

    /** The generators of a process or named mix, one per process (a single process: itself), each with its own seed. */
    public static List<EventGenerator> components(String name, double massGeV, double coupling, long seed) {
        EventGenerator g = generator(name, massGeV, coupling, seed);
        return g instanceof ProcessMix mix ? mix.generators() : List.of(g);
    }

    /** A mix of the named processes at their cross sections (signal models need mass and coupling). */
    public static ProcessMix mix(List<String> names, double massGeV, double coupling, long seed) {
        return mix("mix", names, massGeV, coupling, seed);
    }

    /** A named mix of the named processes at their cross sections. */
    public static ProcessMix mix(String mixName, List<String> names, double massGeV, double coupling, long seed) {
        List<EventGenerator> gens = new ArrayList<>();
        for (String n : names) {
            gens.add(generator(n, massGeV, coupling, seed));
        }
        return new ProcessMix(mixName, gens, seed);
    }
}
