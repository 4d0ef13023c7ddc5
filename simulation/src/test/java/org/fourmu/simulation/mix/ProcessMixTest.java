package org.fourmu.simulation.mix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.analysis.integration.SimpsonIntegrator;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.isr.KuraevFadin;
import org.junit.jupiter.api.Test;

class ProcessMixTest {

    private static final List<String> CHEAP = MixProcesses.CHEAP_NAMES;

    @Test
    void shouldPickProcessesInProportionToTheirCrossSections() {
        ProcessMix mix = MixProcesses.mix(List.of("tautau", "qqbar", "bbbar", "jpsipipi"), 3, 0.01, 9);
        int n = 400_000;
        int[] counts = new int[4];
        for (long i = 0; i < n; i++) {
            counts[mix.processOf(i)]++;
        }
        for (int k = 0; k < 4; k++) {
            double expected = n * mix.generators().get(k).crossSection().valueFb() / mix.totalCrossSectionFb();
            assertEquals(expected, counts[k], 5 * Math.sqrt(expected) + 1, mix.names().get(k));
        }
        assertEquals(mix.generate(123).particles(), mix.generate(123).particles());
    }

    @Test
    void shouldConserveFourMomentumAndChargeInTheCheapProcesses() {
        FourVector initial = BeamConditions.NOMINAL.initialState();
        for (String name : CHEAP) {
            EventGenerator g = MixProcesses.generator(name, 3, 0.01, 2);
            for (long i = 0; i < 300; i++) {
                GeneratedEvent e = g.generate(i);
                int charge = 0;
                FourVector sum = FourVector.ZERO;
                for (GeneratedParticle p : e.particles()) {
                    charge += p.charge();
                    sum = sum.plus(p.momentum());
                }
                assertEquals(0, charge, name);
                if (name.equals("bhabha") || name.equals("jpsipipi")) {
                    assertEquals(initial.e(), sum.e(), 1e-9, name);
                    assertEquals(initial.pz(), sum.pz(), 1e-9, name);
                } else {
                    assertTrue(sum.e() <= initial.e() + 1e-9, name); // neutrinos carry the rest
                }
            }
        }
    }

    @Test
    void shouldSampleTheBornBhabhaAngularDistribution() {
        double lo = Math.cos(Math.toRadians(170));
        double hi = Math.cos(Math.toRadians(10));
        SimpsonIntegrator simpson = new SimpsonIntegrator(1e-10, 1e-12, 3, 30);
        java.util.function.DoubleUnaryOperator f = c -> Math.pow((3 + c * c) / (1 - c), 2);
        double backward = simpson.integrate(10_000_000, f::applyAsDouble, lo, 0);
        double total = backward + simpson.integrate(10_000_000, f::applyAsDouble, 0, hi);
        UniformRandomProvider rng = RandomStreams.forKeys(3);
        int n = 200_000;
        int back = 0;
        for (int i = 0; i < n; i++) {
            back += BhabhaProcess.sampleCosTheta(rng) < 0 ? 1 : 0;
        }
        double expected = backward / total;
        assertEquals(expected, (double) back / n, 5 * Math.sqrt(expected / n));
    }

    @Test
    void shouldMatchTheNarrowResonanceIsrFormulaWithANumericalBreitWignerConvolution() {
        double sqrtS = BeamConditions.NOMINAL.sqrtS();
        double s = sqrtS * sqrtS;
        double m = JpsiPiPiProcess.PSI2S_MASS_GEV;
        double width = 294e-6; // psi(2S) total width [PDG]
        double beta = KuraevFadin.beta(s);
        // sigma = int dx W(x) sigma_BW(s (1 - x)), sigma_BW(s') = 12 pi Gamma_ee Gamma / ((s' - M^2)^2 + M^2 Gamma^2)
        SimpsonIntegrator simpson = new SimpsonIntegrator(1e-9, 1e-14, 3, 30);
        double halfRange = 400 * m * width;
        double integral = simpson.integrate(50_000_000, sp -> {
            double x = 1 - sp / s;
            double bw = 12 * Math.PI * JpsiPiPiProcess.PSI2S_GAMMA_EE_GEV * width / ((sp - m * m) * (sp - m * m) + m * m * width * width);
            return KuraevFadin.density(x, beta) * bw / s;
        }, m * m - halfRange, m * m + halfRange);
        double numeric = integral * PhysicalConstants.INV_GEV2_TO_FB * JpsiPiPiProcess.BR_PSI2S_JPSI_PIPI * JpsiPiPiProcess.BR_JPSI_MUMU;
        // the +-400 Gamma window misses 2/(400 pi) of the Breit-Wigner area
        assertEquals(numeric / (1 - 2 / (400 * Math.PI)), JpsiPiPiProcess.crossSectionFb(sqrtS), 0.005 * numeric);
        assertTrue(numeric > 100 && numeric < 1000, "sigma " + numeric + " fb");
    }
}
