package org.fourmu.simulation.mix;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.GeneratedParticle;
import org.fourmu.simulation.isr.KuraevFadin;
import org.fourmu.simulation.phasespace.TwoBody;

/**
 * e+e- -> gamma_ISR psi(2S), psi(2S) -> J/psi pi+ pi-, J/psi -> mu+ mu-: the J/psi peak of the live calibration
 * monitor, with two pions that can fake muons. Cross section from the ISR structure function for a narrow
 * resonance, sigma = 12 pi^2 Gamma_ee / (M s) W(1 - M^2/s) (W of Kuraev-Fadin), times the branching fractions.
 * Approximations: the ISR photon is collinear with a beam (it mostly escapes down the beam pipe); the psi(2S)
 * decays by phase space (the measured M(pi pi) spectrum is harder) and the J/psi isotropically (not 1 + cos^2).
 */
final class JpsiPiPiProcess extends CheapProcess {

    static final String NAME = "jpsipipi";
    /** psi(2S) mass, electronic width [PDG 2024: 3.686097 GeV, 2.33 keV]. */
    static final double PSI2S_MASS_GEV = 3.686097;
    static final double PSI2S_GAMMA_EE_GEV = 2.33e-6;
    /** B(psi(2S) -> J/psi pi+ pi-) = 34.69%, B(J/psi -> mu+ mu-) = 5.961% [PDG]. */
    static final double BR_PSI2S_JPSI_PIPI = 0.3469;
    static final double BR_JPSI_MUMU = 0.05961;

    JpsiPiPiProcess(long seed, BeamConditions beams) {
        super(NAME, crossSectionFb(beams.sqrtS()), seed, beams);
    }

    /** sigma(e+e- -> gamma psi(2S) -> gamma J/psi pi pi -> gamma mu mu pi pi) in fb at sqrt(s). */
    static double crossSectionFb(double sqrtS) {
        double s = sqrtS * sqrtS;
        double x = 1 - PSI2S_MASS_GEV * PSI2S_MASS_GEV / s;
        double sigmaGeV2 = 12 * Math.PI * Math.PI * PSI2S_GAMMA_EE_GEV / (PSI2S_MASS_GEV * s) * KuraevFadin.density(x, KuraevFadin.beta(s));
        return sigmaGeV2 * PhysicalConstants.INV_GEV2_TO_FB * BR_PSI2S_JPSI_PIPI * BR_JPSI_MUMU;
    }

    @Override
    double truthMassGeV() {
        return PhysicalConstants.JPSI_MASS_GEV;
    }

    @Override
    List<GeneratedParticle> generateCm(UniformRandomProvider rng, double sqrtS) {
        double cos = rng.nextDouble() < 0.5 ? 1.0 : -1.0;
        FourVector[] gPsi = TwoBody.decay(new FourVector(sqrtS, 0, 0, 0), 0.0, PSI2S_MASS_GEV, cos, 0.0);
        double mpi = PhysicalConstants.PION_MASS_GEV;
        List<FourVector> psiDecay = Decays.chain(rng, gPsi[1], new double[] {mpi, mpi, PhysicalConstants.JPSI_MASS_GEV});
        double mmu = PhysicalConstants.MUON_MASS_GEV;
        FourVector[] muons = TwoBody.decayIsotropic(rng, psiDecay.get(2), mmu, mmu);
        List<GeneratedParticle> out = new ArrayList<>();
        out.add(new GeneratedParticle(13, muons[0]));
        out.add(new GeneratedParticle(-13, muons[1]));
        out.add(new GeneratedParticle(211, psiDecay.get(0)));
        out.add(new GeneratedParticle(-211, psiDecay.get(1)));
        out.add(new GeneratedParticle(PhysicalConstants.PDG_PHOTON, gPsi[0]));
        return out;
    }
}
