package org.fourmu.simulation.generator;

import static org.fourmu.physics.PhysicalConstants.ALPHA_0;
import static org.fourmu.physics.PhysicalConstants.ELECTRON_MASS_GEV;
import static org.fourmu.physics.PhysicalConstants.MUON_MASS_GEV;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.amplitude.Amplitudes;
import org.fourmu.simulation.isr.InitialState;
import org.fourmu.simulation.phasespace.TwoBody;

/**
 * e+e- -> e+e- mu+mu- through two quasi-real photons, in the equivalent-photon approximation
 * (APPROXIMATE: no virtual-photon (Q^2) dependence of gamma gamma -> mu mu, no bremsstrahlung or
 * conversion diagrams, valid for untagged events with small-angle electrons). Photon spectra:
 * f(x) = (alpha/2pi) [(1 + (1-x)^2)/x ln(Q2max/Q2min) - 2 m_e^2 x (1/Q2min - 1/Q2max)],
 * Q2min = m_e^2 x^2/(1-x) (Frixione, Mangano, Nason, Ridolfi, Phys. Lett. B 319 (1993) 339);
 * gamma gamma -> mu+mu- from the exact tree-level amplitude. The scattered e+- get Q^2 from the
 * leading 1/Q^2 spectrum and recoil so that four-momentum is conserved exactly. Final-state
 * order: e-, e+, mu-, mu+.
 */
public final class TwoPhotonMuMuProcess implements HardProcess {

    public static final String NAME = "eemumu";

    private final double minMassGeV;
    private final double q2MaxGeV2;

    /**
     * @param minMassGeV lower bound on the gamma gamma (= mu+mu-) mass
     * @param q2MaxGeV2  largest photon virtuality of the spectrum (untagged electrons)
     */
    public TwoPhotonMuMuProcess(double minMassGeV, double q2MaxGeV2) {
        if (minMassGeV <= 2 * MUON_MASS_GEV) {
            throw new IllegalArgumentException("minimum mass must be above 2 m_mu");
        }
        this.minMassGeV = minMassGeV;
        this.q2MaxGeV2 = q2MaxGeV2;
    }

    /**
     * M(mu mu) > minMassGeV with Q2max = min(1 GeV^2, M_min^2/4): the photons must stay quasi-real
     * against the hard scale for the equivalent-photon approximation to hold; the Q^2 recoil then
     * lowers the generated mass by only a few percent of events.
     */
    public TwoPhotonMuMuProcess(double minMassGeV) {
        this(minMassGeV, Math.min(1.0, minMassGeV * minMassGeV / 4));
    }

    /** Default: M(mu mu) > 0.5 GeV. */
    public TwoPhotonMuMuProcess() {
        this(0.5);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int[] pdgIds() {
        return new int[] {11, -11, 13, -13};
    }

    @Override
    public double thresholdGeV() {
        return minMassGeV + 2 * ELECTRON_MASS_GEV;
    }

    /** The equivalent-photon spectrum of an electron for energy fraction x. */
    public double photonFlux(double x) {
        double me2 = ELECTRON_MASS_GEV * ELECTRON_MASS_GEV;
        double q2min = me2 * x * x / (1 - x);
        if (x <= 0 || x >= 1 || q2min >= q2MaxGeV2) {
            return 0;
        }
        return ALPHA_0 / (2 * Math.PI) * ((1 + (1 - x) * (1 - x)) / x * Math.log(q2MaxGeV2 / q2min)
            - 2 * me2 * x * (1 / q2min - 1 / q2MaxGeV2));
    }

    @Override
    public HardEvent sample(UniformRandomProvider rng, double sqrtS) {
        double s = sqrtS * sqrtS;
        double xMin = minMassGeV * minMassGeV / s;
        double lnX = Math.log(1 / xMin);
        double x1 = xMin * Math.exp(rng.nextDouble() * lnX);
        double x2 = xMin * Math.exp(rng.nextDouble() * lnX);
        if (x1 * x2 < xMin) {
            return HardEvent.REJECTED;
        }
        double f = photonFlux(x1) * photonFlux(x2) * x1 * lnX * x2 * lnX;
        if (f == 0) {
            return HardEvent.REJECTED;
        }
        FourVector[] b = HardProcess.beams(sqrtS);
        FourVector e1 = scattered(rng, b[0], x1, 1);
        FourVector e2 = scattered(rng, b[1], x2, -1);
        FourVector q1 = b[0].minus(e1);
        FourVector q2 = b[1].minus(e2);
        FourVector w = q1.plus(q2);
        double w2 = w.mass2();
        if (!(w2 > minMassGeV * minMassGeV) || w.e() <= 0) {
            return HardEvent.REJECTED;
        }
        double wm = Math.sqrt(w2);
        // gamma gamma -> mu mu in the gamma gamma rest frame with photon 1 along +z, isotropic, weight Phi_2
        FourVector k1 = new FourVector(wm / 2, 0, 0, wm / 2);
        FourVector k2 = new FourVector(wm / 2, 0, 0, -wm / 2);
        FourVector[] mu = TwoBody.decayIsotropic(rng, new FourVector(wm, 0, 0, 0), MUON_MASS_GEV, MUON_MASS_GEV);
        double m2 = Amplitudes.gammaGammaToMuMu(k1, k2, mu[0], mu[1]) / 4;
        double sigmaHat = m2 / (2 * w2) * TwoBody.volume(w2, MUON_MASS_GEV, MUON_MASS_GEV);
        FourVector[] muCm = new InitialState(b[0], b[1], List.of(), w, q1).toLab(mu);
        return new HardEvent(new FourVector[] {e1, e2, muCm[0], muCm[1]}, f * sigmaHat);
    }

    /** The beam particle after radiating a photon of energy fraction x with Q^2 from the 1/Q^2 spectrum. */
    private FourVector scattered(UniformRandomProvider rng, FourVector beam, double x, int dir) {
        double me2 = ELECTRON_MASS_GEV * ELECTRON_MASS_GEV;
        double q2min = me2 * x * x / (1 - x);
        double q2 = q2min * Math.exp(rng.nextDouble() * Math.log(q2MaxGeV2 / q2min));
        double e = beam.e();
        double p = beam.p();
        double ePrime = (1 - x) * e;
        double pPrime = Math.sqrt(Math.max(0, ePrime * ePrime - me2));
        // Q^2 = 2 (E E' - p p' cos theta) - 2 m^2
        double c = Math.max(-1, Math.min(1, (e * ePrime - me2 - q2 / 2) / (p * pPrime)));
        double st = Math.sqrt(1 - c * c);
        double phi = 2 * Math.PI * rng.nextDouble();
        return new FourVector(ePrime, pPrime * st * Math.cos(phi), pPrime * st * Math.sin(phi), dir * pPrime * c);
    }
}
