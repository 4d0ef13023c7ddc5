package org.fourmu.simulation.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.GeneratedEvent;
import org.junit.jupiter.api.Test;

class MuMuGammaProcessTest {

    private static GeneratorSettings born() {
        return GeneratorSettings.of(GeneratorCuts.NONE, 5).withIsr(false).withBeamEnergySpread(false).withPresamples(1000);
    }

    @Test
    void channelSamplingShouldAgreeWithFlatPhaseSpace() {
        CrossSection channels = new UnweightedEventGenerator(new MuMuGammaProcess(1.0, 0.9), born()).crossSection(60_000, 0);
        CrossSection flat = new UnweightedEventGenerator(MuMuGammaProcess.flatPhaseSpace(1.0, 0.9), born()).crossSection(100_000, 0);
        assertEquals(flat.valueFb(), channels.valueFb(), 4 * Math.hypot(flat.errorFb(), channels.errorFb()));
    }

    @Test
    void eventsShouldHaveOneHardPhotonInsideTheCuts() {
        UnweightedEventGenerator g = new UnweightedEventGenerator(new MuMuGammaProcess(0.5, 0.9), born());
        for (int i = 0; i < 50; i++) {
            GeneratedEvent ev = g.generate(i);
            assertEquals(3, ev.particles().size());
            FourVector k = g.settings().beams().toCm(ev.particles().get(2).momentum());
            assertEquals(22, ev.particles().get(2).pdgId());
            assertTrue(k.e() > 0.5 - 1e-9);
        }
    }
}
