package org.fourmu.simulation.generator;

import org.fourmu.physics.event.BeamConditions;

/**
 * How a generator runs.
 *
 * @param beams            beam energies and angles of the run
 * @param isr              Kuraev-Fadin ISR on
 * @param beamEnergySpread Gaussian beam energy spread on
 * @param cuts             generator-level cuts
 * @param seed             seed of all random streams
 * @param presamples       weighted points used to find the maximum weight and the cross section
 */
public record GeneratorSettings(BeamConditions beams, boolean isr, boolean beamEnergySpread, GeneratorCuts cuts,
                                long seed, int presamples) {

    /** Nominal beams, ISR and energy spread on, the given cuts. */
    public static GeneratorSettings of(GeneratorCuts cuts, long seed) {
        return new GeneratorSettings(BeamConditions.NOMINAL, true, true, cuts, seed, 20_000);
    }

    public GeneratorSettings withIsr(boolean on) {
        return new GeneratorSettings(beams, on, beamEnergySpread, cuts, seed, presamples);
    }

    public GeneratorSettings withBeamEnergySpread(boolean on) {
        return new GeneratorSettings(beams, isr, on, cuts, seed, presamples);
    }

    public GeneratorSettings withCuts(GeneratorCuts c) {
        return new GeneratorSettings(beams, isr, beamEnergySpread, c, seed, presamples);
    }

    public GeneratorSettings withPresamples(int n) {
        return new GeneratorSettings(beams, isr, beamEnergySpread, cuts, seed, n);
    }

    public GeneratorSettings withBeams(BeamConditions b) {
        return new GeneratorSettings(b, isr, beamEnergySpread, cuts, seed, presamples);
    }
}
