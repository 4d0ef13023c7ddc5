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

    private MixProcesses() {
    }

    /** Names of the two mixes {@link #generator} also accepts: the full load-test mix and the physics-enriched one. */
    public static final String FULL_MIX_NAME = "mix";
    public static final String ENRICHED_MIX_NAME = "enriched";

    /** All names {@link #generator} accepts. */
    public static List<String> names() {
        List<String> all = new ArrayList<>(Processes.NAMES);
        all.addAll(CHEAP_NAMES);
        all.add(FULL_MIX_NAME);
        all.add(ENRICHED_MIX_NAME);
        return all;
    }

    /** The generator of a process; mass and coupling are used by the signal models only. */
    public static EventGenerator generator(String name, double massGeV, double coupling, long seed) {
        if (FULL_MIX_NAME.equals(name) || ENRICHED_MIX_NAME.equals(name)) {
            return mix(name, FULL_MIX_NAME.equals(name) ? FULL_MIX : ENRICHED_MIX, massGeV, coupling, seed);
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
