package org.fourmu.simulation.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fourmu.physics.models.DimuonResonance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The coupling limit g_UL = sqrt(sigma_UL / (sigma x B)(g = 1)) rests on sigma x B scaling as g^2:
 * one X emission in the amplitude, and a narrow X whose branching fraction does not depend on g.
 * Checked with the four-muon matrix element (X propagator with the model's width) at two couplings.
 */
class SignalCouplingScalingTest {

    @ParameterizedTest
    @ValueSource(strings = {"zprime", "scalar"})
    void signalCrossSectionShouldScaleAsCouplingSquared(String model) {
        GeneratorSettings settings = GeneratorSettings.of(GeneratorCuts.FOUR_MUON_DEFAULT, 7).withPresamples(500);
        double g1 = SignalCrossSections.TABLE_COUPLING;
        double g2 = 0.04;
        double perG2Small = new UnweightedEventGenerator(new ResonanceProcess(DimuonResonance.of(model, 2.0, g1)), settings)
                .crossSection(5_000, 0).valueFb() / (g1 * g1);
        double perG2Large = new UnweightedEventGenerator(new ResonanceProcess(DimuonResonance.of(model, 2.0, g2)), settings)
                .crossSection(5_000, 0).valueFb() / (g2 * g2);
        double ratio = perG2Large / perG2Small;
        // same seed, same phase-space points: the Monte Carlo errors largely cancel in the ratio
        assertEquals(1.0, ratio, 0.01, "sigma x B / g^2 at g = " + g2 + " over that at g = " + g1);
    }
}
