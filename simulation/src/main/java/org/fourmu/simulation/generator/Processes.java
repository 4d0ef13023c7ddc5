package org.fourmu.simulation.generator;

import org.fourmu.physics.models.DimuonResonance;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.physics.models.MuonphilicScalar;

/** The processes by command-line name. */
public final class Processes {

    /** Names accepted by {@link #hardProcess}. */
    public static final java.util.List<String> NAMES = java.util.List.of(
        MuMuProcess.NAME, LmuLtauZPrime.NAME, MuonphilicScalar.NAME, FourMuonProcess.NAME, MuMuGammaProcess.NAME, TwoPhotonMuMuProcess.NAME);

    private Processes() {
    }

    /** The hard process by name; mass and coupling are used by the signal models only. */
    public static HardProcess hardProcess(String name, double massGeV, double coupling) {
        return switch (name) {
            case MuMuProcess.NAME -> new MuMuProcess();
            case FourMuonProcess.NAME -> new FourMuonProcess();
            case MuMuGammaProcess.NAME -> new MuMuGammaProcess();
            case TwoPhotonMuMuProcess.NAME -> new TwoPhotonMuMuProcess();
            case LmuLtauZPrime.NAME, MuonphilicScalar.NAME -> new ResonanceProcess(DimuonResonance.of(name, massGeV, coupling));
            default -> throw new IllegalArgumentException("unknown process '" + name + "'; known: " + NAMES);
        };
    }

    /** The default generator cuts of a process. */
    public static GeneratorCuts defaultCuts(String name) {
        return switch (name) {
            case MuMuProcess.NAME -> GeneratorCuts.TWO_BODY_DEFAULT;
            case MuMuGammaProcess.NAME, TwoPhotonMuMuProcess.NAME -> GeneratorCuts.NONE;
            default -> GeneratorCuts.FOUR_MUON_DEFAULT;
        };
    }

    /** Whether the structure-function ISR applies (not for mumugamma, whose hard photon is explicit, nor for the two-photon process). */
    public static boolean usesIsr(String name) {
        return !MuMuGammaProcess.NAME.equals(name) && !TwoPhotonMuMuProcess.NAME.equals(name);
    }

    /** Default settings of a process: nominal beams, beam spread, ISR where it applies, default cuts. */
    public static GeneratorSettings defaultSettings(String name, long seed) {
        return GeneratorSettings.of(defaultCuts(name), seed).withIsr(usesIsr(name));
    }

    /** An unweighted generator for a process with its default cuts, nominal beams, ISR and energy spread. */
    public static EventGenerator generator(String name, double massGeV, double coupling, long seed) {
        return new UnweightedEventGenerator(hardProcess(name, massGeV, coupling), defaultSettings(name, seed));
    }
}
