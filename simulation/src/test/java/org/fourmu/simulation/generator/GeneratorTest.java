package org.fourmu.simulation.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.models.LmuLtauZPrime;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.isr.KuraevFadin;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static final double MMU = PhysicalConstants.MUON_MASS_GEV;

    static GeneratorSettings born(int presamples) {
        return GeneratorSettings.of(GeneratorCuts.NONE, 7).withIsr(false).withBeamEnergySpread(false).withPresamples(presamples);
    }

    /** sigma = 4 pi alpha^2/(3s) beta (3 - beta^2)/2, in fb. */
    static double bornMuMuFb(double s) {
        double a = PhysicalConstants.ALPHA_0;
        double beta = Math.sqrt(1 - 4 * MMU * MMU / s);
        return 4 * Math.PI * a * a / (3 * s) * beta * (3 - beta * beta) / 2 * PhysicalConstants.INV_GEV2_TO_FB;
    }

    @Test
    void muMuBornCrossSectionShouldMatchAnalyticFormula() {
        UnweightedEventGenerator g = new UnweightedEventGenerator(new MuMuProcess(), born(20_000));
        double s = BeamConditions.NOMINAL.sqrtS() * BeamConditions.NOMINAL.sqrtS();
        double expected = bornMuMuFb(s);
        assertEquals(0.776e6, expected, 0.002e6);
        CrossSection x = g.crossSection();
        assertEquals(expected, x.valueFb(), 4 * x.errorFb());
        assertTrue(x.errorFb() < 0.003 * expected);
    }

    @Test
    void muMuAngularDistributionShouldBeOnePlusCosSquared() {
        UnweightedEventGenerator g = new UnweightedEventGenerator(new MuMuProcess(), born(5_000));
        BeamConditions beams = BeamConditions.NOMINAL;
        FourVector eCm = beams.toCm(beams.electron());
        int n = 20_000;
        double c2 = 0, c4 = 0, c1 = 0;
        for (int i = 0; i < n; i++) {
            GeneratedEvent ev = g.generate(i);
            FourVector mu = ev.particles().get(0).momentum();
            double c = beams.toCm(mu).cosAngle(eCm);
            c1 += c;
            c2 += c * c;
            c4 += c * c * c * c;
        }
        // 1 + c^2: <c> = 0, <c^2> = 2/5, <c^4> = 9/35; sd of c^2 ~ 0.32, of c^4 ~ 0.32
        assertEquals(0, c1 / n, 4 * 0.63 / Math.sqrt(n));
        assertEquals(0.4, c2 / n, 4 * 0.32 / Math.sqrt(n));
        assertEquals(9.0 / 35, c4 / n, 4 * 0.32 / Math.sqrt(n));
        // a flat distribution would give <c^2> = 1/3, far outside
        assertTrue(Math.abs(c2 / n - 1.0 / 3) > 10 * 0.32 / Math.sqrt(n));
    }

    @Test
    void signalShouldFactoriseIntoOnShellProductionTimesBranchingFraction() {
        // narrow width: sigma(ee -> mu mu X -> 4mu) = sigma(ee -> mu mu X) B(X -> mu mu) x (BW mass within +-50 widths: 0.9936)
        LmuLtauZPrime z = new LmuLtauZPrime(3.0, 0.01);
        CrossSection full = new UnweightedEventGenerator(new ResonanceProcess(z), born(10_000)).crossSection();
        CrossSection prod = new UnweightedEventGenerator(new OnShellResonanceProcess(z), born(10_000)).crossSection();
        double inWindow = ResonanceProcess.sampledBreitWignerFraction(z);
        assertEquals(2 / Math.PI * Math.atan(100), inWindow, 1e-12);   // 50 widths > 0.5 MeV here
        double expected = prod.valueFb() * z.branchingFractionMuMu() * inWindow;
        double err = Math.hypot(full.errorFb(), prod.errorFb() * z.branchingFractionMuMu());
        assertEquals(expected, full.valueFb(), 4 * err);
    }

    @Test
    void eventsShouldBeDeterministicBySeedAndIndex() {
        GeneratorSettings s = GeneratorSettings.of(GeneratorCuts.FOUR_MUON_DEFAULT, 11).withPresamples(2000);
        UnweightedEventGenerator a = new UnweightedEventGenerator(new FourMuonProcess(), s);
        UnweightedEventGenerator b = new UnweightedEventGenerator(new FourMuonProcess(), s);
        assertEquals(a.crossSection(), b.crossSection());
        assertEquals(a.generate(42), b.generate(42));
        assertNotEquals(a.generate(42), a.generate(43));
        java.util.List<GeneratedEvent> parallel = a.generateRange(40, 8);
        for (int i = 0; i < 8; i++) {
            assertEquals(b.generate(40 + i), parallel.get(i));
        }
    }

    @Test
    void labEventsShouldConserveFourMomentumIncludingIsrPhotons() {
        GeneratorSettings s = GeneratorSettings.of(GeneratorCuts.FOUR_MUON_DEFAULT, 3).withBeamEnergySpread(false).withPresamples(2000);
        UnweightedEventGenerator g = new UnweightedEventGenerator(new ResonanceProcess(new LmuLtauZPrime(2.0, 0.01)), s);
        FourVector beams = BeamConditions.NOMINAL.initialState();
        for (int i = 0; i < 50; i++) {
            GeneratedEvent ev = g.generate(i);
            FourVector sum = FourVector.ZERO;
            int charge = 0;
            for (GeneratedParticle p : ev.particles()) {
                sum = sum.plus(p.momentum());
                charge += p.charge();
            }
            assertEquals(0, charge);
            assertEquals(beams.e(), sum.e(), 1e-9);
            assertEquals(beams.px(), sum.px(), 1e-9);
            assertEquals(beams.pz(), sum.pz(), 1e-9);
            assertEquals(2.0, ev.xMassGeV());
        }
    }

    @Test
    void isrCrossSectionShouldMatchConvolutionOfRadiatorWithBornCrossSection() {
        double minMass = 7.0;
        GeneratorSettings s = GeneratorSettings.of(GeneratorCuts.NONE.withHardMass(minMass, Double.POSITIVE_INFINITY), 5)
            .withBeamEnergySpread(false).withPresamples(40_000);
        CrossSection withIsr = new UnweightedEventGenerator(new MuMuProcess(), s).crossSection();
        double sNom = Math.pow(BeamConditions.NOMINAL.sqrtS(), 2);
        double beta = KuraevFadin.beta(sNom);
        double xMax = 1 - minMass * minMass / sNom;
        // independent route: one-dimensional convolution with the combined radiator W(x; beta)
        double conv = new IterativeLegendreGaussIntegrator(8, 1e-9, 1e-12).integrate(Integer.MAX_VALUE,
            t -> {
                double x = Math.pow(t, 1 / beta);       // x = t^(1/beta) removes the x^(beta-1) peak
                double jac = Math.pow(t, 1 / beta - 1) / beta;
                return KuraevFadin.density(x, beta) * jac * bornMuMuFb(sNom * (1 - x));
            }, 0, Math.pow(xMax, beta));
        // soft photons (< 1 MeV) are not emitted, and photon angles shift s' slightly: allow 0.5%
        assertEquals(conv, withIsr.valueFb(), Math.max(4 * withIsr.errorFb(), 0.005 * conv));
        double ratio = withIsr.valueFb() / bornMuMuFb(sNom);
        assertTrue(ratio > 1.0 && ratio < 1.1, "ISR raises sigma(mumu) with a loose s' cut: " + ratio + " conv " + conv / bornMuMuFb(sNom));
    }
}
