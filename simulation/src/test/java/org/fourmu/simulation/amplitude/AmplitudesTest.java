package org.fourmu.simulation.amplitude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.simulation.amplitude.Amplitudes.FourMuDiagrams;
import org.fourmu.simulation.amplitude.Amplitudes.XCoupling;
import org.fourmu.simulation.phasespace.Rambo;
import org.junit.jupiter.api.Test;

class AmplitudesTest {

    private static final double MMU = PhysicalConstants.MUON_MASS_GEV;
    private static final double ME = PhysicalConstants.ELECTRON_MASS_GEV;

    static FourVector[] beams(double sqrtS) {
        double p = Math.sqrt(sqrtS * sqrtS / 4 - ME * ME);
        return new FourVector[] {new FourVector(sqrtS / 2, 0, 0, p), new FourVector(sqrtS / 2, 0, 0, -p)};
    }

    static FourVector[] event(UniformRandomProvider rng, double sqrtS, double... masses) {
        FourVector[] fin = Rambo.generate(rng, sqrtS, masses).momenta();
        FourVector[] b = beams(sqrtS);
        FourVector[] all = new FourVector[2 + fin.length];
        all[0] = b[0];
        all[1] = b[1];
        System.arraycopy(fin, 0, all, 2, fin.length);
        return all;
    }

    @Test
    void spinorSpinSumsShouldEqualPslashPlusOrMinusM() {
        FourVector p = FourVector.fromMomentumAndMass(0.3, -1.2, 2.1, MMU);
        double[] psi = {0.3, -0.1, 1.2, 0.5, -0.7, 0.2, 0.4, 0.9};
        double[] uSum = new double[8];
        double[] vSum = new double[8];
        for (int h : new int[] {-1, 1}) {
            double[] u = Dirac.u(p, MMU, h);
            uSum = Dirac.add(uSum, Dirac.scale(u, Dirac.contract(Dirac.bar(u), psi)[0], Dirac.contract(Dirac.bar(u), psi)[1]));
            double[] v = Dirac.v(p, MMU, h);
            vSum = Dirac.add(vSum, Dirac.scale(v, Dirac.contract(Dirac.bar(v), psi)[0], Dirac.contract(Dirac.bar(v), psi)[1]));
        }
        double[] ps = Dirac.slash(Dirac.complex(p), psi);
        for (int k = 0; k < 8; k++) {
            assertEquals(ps[k] + MMU * psi[k], uSum[k], 1e-12);
            assertEquals(ps[k] - MMU * psi[k], vSum[k], 1e-12);
        }
    }

    @Test
    void polarisationSumShouldBeMinusGPlusKkOverM2() {
        double m = 1.7;
        FourVector k = FourVector.fromMomentumAndMass(0.8, 0.4, -2.3, m);
        double[] kv = {k.e(), k.px(), k.py(), k.pz()};
        double[] g = {1, -1, -1, -1};
        for (int mu = 0; mu < 4; mu++) {
            for (int nu = 0; nu < 4; nu++) {
                double re = 0, im = 0;
                for (int l : Polarisation.helicities(m)) {
                    double[] e = Polarisation.outgoing(k, m, l);
                    re += e[2 * mu] * e[2 * nu] + e[2 * mu + 1] * e[2 * nu + 1];
                    im += e[2 * mu + 1] * e[2 * nu] - e[2 * mu] * e[2 * nu + 1];
                }
                double expected = (mu == nu ? -g[mu] : 0) + kv[mu] * kv[nu] / (m * m);
                assertEquals(expected, re, 1e-12, "mu=" + mu + " nu=" + nu);
                assertEquals(0, im, 1e-12);
            }
        }
    }

    @Test
    void eeToMuMuShouldMatchAnalyticMassiveFormula() {
        UniformRandomProvider rng = RandomStreams.forKeys(1, 1);
        double sqrtS = 1.0;  // low energy so that the muon mass matters
        for (int i = 0; i < 20; i++) {
            FourVector[] p = event(rng, sqrtS, MMU, MMU);
            double beta = p[2].p() / p[2].e();
            double c = p[2].cosTheta();
            double expected = Amplitudes.E2 * Amplitudes.E2 * 4 * (1 + c * c + (1 - beta * beta) * (1 - c * c));
            assertEquals(expected, Amplitudes.eeToMuMu(p), 2e-5 * expected);
        }
    }

    @Test
    void photonWardIdentityShouldHoldForIsrFsrAndTheirSum() {
        UniformRandomProvider rng = RandomStreams.forKeys(1, 2);
        for (int i = 0; i < 10; i++) {
            FourVector[] p = event(rng, 10.58, MMU, MMU, 0);
            double[] k = Dirac.complex(p[4]);
            for (boolean[] which : new boolean[][] {{true, false}, {false, true}, {true, true}}) {
                double physical = 0;
                for (int l : Polarisation.helicities(0)) {
                    physical += Amplitudes.eeToMuMuGamma(p, Polarisation.outgoing(p[4], 0, l), which[0], which[1]);
                }
                double ward = Amplitudes.eeToMuMuGamma(p, k, which[0], which[1]) / (p[4].e() * p[4].e());
                assertTrue(ward < 1e-20 * physical, "Ward ratio " + ward / physical);
            }
        }
    }

    @Test
    void vectorXWardIdentityShouldHoldForConservedMuonCurrent() {
        UniformRandomProvider rng = RandomStreams.forKeys(1, 3);
        double m = 2.5;
        for (int i = 0; i < 10; i++) {
            FourVector[] p = event(rng, 10.58, MMU, MMU, m);
            double physical = Amplitudes.eeToMuMuX(p, XCoupling.VECTOR, m);
            double ward = Amplitudes.eeToMuMuX(p, Dirac.complex(p[4])) / (p[4].e() * p[4].e());
            assertTrue(ward < 1e-20 * physical, "Ward ratio " + ward / physical);
        }
    }

    @Test
    void squaredAmplitudesShouldBeLorentzInvariant() {
        UniformRandomProvider rng = RandomStreams.forKeys(1, 4);
        FourVector[] p6 = event(rng, 10.58, MMU, MMU, MMU, MMU);
        FourVector[] p5 = event(rng, 10.58, MMU, MMU, 1.3);
        double[] boost = {0.13, -0.2, 0.6};
        FourVector[] b6 = transform(p6, boost, 0.7);
        FourVector[] b5 = transform(p5, boost, 0.7);
        assertRel(Amplitudes.eeToFourMu(p6, FourMuDiagrams.ALL), Amplitudes.eeToFourMu(b6, FourMuDiagrams.ALL), 1e-9);
        assertRel(Amplitudes.eeToFourMuSignal(p6, XCoupling.VECTOR, 1.0, 0.01, 1), Amplitudes.eeToFourMuSignal(b6, XCoupling.VECTOR, 1.0, 0.01, 1), 1e-9);
        assertRel(Amplitudes.eeToFourMuSignal(p6, XCoupling.SCALAR, 1.0, 0.01, 1), Amplitudes.eeToFourMuSignal(b6, XCoupling.SCALAR, 1.0, 0.01, 1), 1e-9);
        assertRel(Amplitudes.eeToMuMuX(p5, XCoupling.VECTOR, 1.3), Amplitudes.eeToMuMuX(b5, XCoupling.VECTOR, 1.3), 1e-9);
        assertRel(Amplitudes.eeToMuMuX(p5, XCoupling.SCALAR, 1.3), Amplitudes.eeToMuMuX(b5, XCoupling.SCALAR, 1.3), 1e-9);
    }

    @Test
    void fourMuonAmplitudeShouldBeSymmetricUnderExchangeOfIdenticalMuons() {
        UniformRandomProvider rng = RandomStreams.forKeys(1, 5);
        FourVector[] p = event(rng, 10.58, MMU, MMU, MMU, MMU);
        FourVector[] swapped = {p[0], p[1], p[4], p[3], p[2], p[5]};
        assertRel(Amplitudes.eeToFourMu(p, FourMuDiagrams.ALL), Amplitudes.eeToFourMu(swapped, FourMuDiagrams.ALL), 1e-10);
        assertRel(Amplitudes.eeToFourMuSignal(p, XCoupling.VECTOR, 2.0, 0.1, 1), Amplitudes.eeToFourMuSignal(swapped, XCoupling.VECTOR, 2.0, 0.1, 1), 1e-10);
    }

    @Test
    void gammaGammaToMuMuShouldIntegrateToBreitWheelerCrossSection() {
        double w = 1.0;
        double beta = Math.sqrt(1 - 4 * MMU * MMU / (w * w));
        FourVector k1 = new FourVector(w / 2, 0, 0, w / 2);
        FourVector k2 = new FourVector(w / 2, 0, 0, -w / 2);
        // sigma = (1/(2 W^2)) (1/4) Int |M|^2 dPhi_2, dPhi_2 = beta/(32 pi^2) dOmega: Gauss-Legendre in cos theta
        org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator gauss =
            new org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator(8, 1e-10, 1e-14);
        double pStar = beta * w / 2;
        double integral = gauss.integrate(Integer.MAX_VALUE, c -> {
            double st = Math.sqrt(1 - c * c);
            FourVector pm = FourVector.fromMomentumAndMass(pStar * st, 0, pStar * c, MMU);
            FourVector pp = FourVector.fromMomentumAndMass(-pStar * st, 0, -pStar * c, MMU);
            return Amplitudes.gammaGammaToMuMu(k1, k2, pm, pp) / 4 * beta / (32 * Math.PI * Math.PI) * 2 * Math.PI;
        }, -1, 1);
        double sigma = integral / (2 * w * w);
        double a = PhysicalConstants.ALPHA_0;
        // Breit-Wheeler: (2 pi alpha^2/W^2) [(3 - beta^4) ln((1+beta)/(1-beta)) - 2 beta (2 - beta^2)]
        double expected = 2 * Math.PI * a * a / (w * w) * ((3 - Math.pow(beta, 4)) * Math.log((1 + beta) / (1 - beta)) - 2 * beta * (2 - beta * beta));
        assertEquals(expected, sigma, 1e-6 * expected);
    }

    private static void assertRel(double a, double b, double tol) {
        assertEquals(a, b, tol * Math.abs(a));
    }

    /** Rotate about y by angle, then boost. */
    static FourVector[] transform(FourVector[] p, double[] beta, double angle) {
        FourVector[] out = new FourVector[p.length];
        double c = Math.cos(angle), s = Math.sin(angle);
        for (int i = 0; i < p.length; i++) {
            FourVector r = new FourVector(p[i].e(), c * p[i].px() + s * p[i].pz(), p[i].py(), -s * p[i].px() + c * p[i].pz());
            out[i] = r.boost(beta[0], beta[1], beta[2]);
        }
        return out;
    }
}
