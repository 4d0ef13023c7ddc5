package org.fourmu.simulation.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.GeneratedParticle;
import org.junit.jupiter.api.Test;

class TwoPhotonMuMuProcessTest {

    private static final double MMU = PhysicalConstants.MUON_MASS_GEV;

    /** Breit-Wheeler sigma(gamma gamma -> mu mu) in GeV^-2. */
    static double breitWheeler(double w2) {
        double beta = Math.sqrt(1 - 4 * MMU * MMU / w2);
        double a = PhysicalConstants.ALPHA_0;
        return 2 * Math.PI * a * a / w2 * ((3 - Math.pow(beta, 4)) * Math.log((1 + beta) / (1 - beta)) - 2 * beta * (2 - beta * beta));
    }

    @Test
    void crossSectionShouldMatchNumericalConvolutionOfPhotonFluxesWithBreitWheeler() {
        TwoPhotonMuMuProcess p = new TwoPhotonMuMuProcess(1.0);
        GeneratorSettings born = GeneratorSettings.of(GeneratorCuts.NONE, 4).withIsr(false).withBeamEnergySpread(false).withPresamples(1000);
        CrossSection mc = new UnweightedEventGenerator(p, born).crossSection(100_000, 0);
        double s = Math.pow(BeamConditions.NOMINAL.sqrtS(), 2);
        double zMin = 1.0 / s;
        IterativeLegendreGaussIntegrator outer = new IterativeLegendreGaussIntegrator(8, 1e-7, 1e-20);
        // sigma = Int dx1 dx2 f(x1) f(x2) sigma_BW(x1 x2 s), in log variables
        double sigma = outer.integrate(Integer.MAX_VALUE, l1 -> {
            double x1 = Math.exp(l1);
            IterativeLegendreGaussIntegrator inner = new IterativeLegendreGaussIntegrator(8, 1e-7, 1e-20);
            return x1 * p.photonFlux(x1) * inner.integrate(Integer.MAX_VALUE, l2 -> {
                double x2 = Math.exp(l2);
                return x2 * p.photonFlux(x2) * breitWheeler(x1 * x2 * s);
            }, Math.log(zMin / x1), 0);
        }, Math.log(zMin), 0) * PhysicalConstants.INV_GEV2_TO_FB;
        // the MC evaluates gamma gamma -> mu mu at the recoil-corrected mass (Q^2 > 0): allow 3%
        assertEquals(sigma, mc.valueFb(), Math.max(4 * mc.errorFb(), 0.03 * sigma));
    }

    @Test
    void eventsShouldConserveFourMomentumWithElectronsNearTheBeams() {
        UnweightedEventGenerator g = new UnweightedEventGenerator(new TwoPhotonMuMuProcess(), Processes.defaultSettings("eemumu", 2).withBeamEnergySpread(false).withPresamples(2000));
        FourVector beams = BeamConditions.NOMINAL.initialState();
        for (int i = 0; i < 30; i++) {
            GeneratedEvent ev = g.generate(i);
            FourVector sum = FourVector.ZERO;
            for (GeneratedParticle q : ev.particles()) {
                sum = sum.plus(q.momentum());
            }
            assertEquals(beams.e(), sum.e(), 1e-8);
            assertEquals(beams.pz(), sum.pz(), 1e-8);
            assertEquals(11, ev.particles().get(0).pdgId());
        }
    }
}
