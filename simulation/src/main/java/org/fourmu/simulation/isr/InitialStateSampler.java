package org.fourmu.simulation.isr;

import static org.fourmu.physics.PhysicalConstants.ELECTRON_MASS_GEV;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.kinematics.FourVector;

/**
 * Samples the initial state of one event: Gaussian beam energy spread, then ISR from each beam
 * with the Kuraev-Fadin structure function (beta/2 per beam). Photon energies are fractions of
 * the beam energy in the e+e- c.m. frame; directions follow the classical dipole pattern
 * sin^2 theta / (1 - beta_e^2 cos^2 theta)^2 folded into the hemisphere of the radiating beam
 * (mostly within 1/gamma of the beam, a tail at large angles), then boosted to the lab. The
 * photon momenta are subtracted from the beams, so four-momentum is conserved exactly.
 */
public final class InitialStateSampler {

    /** Photons softer than this (c.m. frame) are not emitted; their energy stays in the hard process. */
    public static final double MIN_PHOTON_ENERGY_GEV = 1e-3;

    private final BeamConditions beams;
    private final boolean isr;
    private final boolean energySpread;

    public InitialStateSampler(BeamConditions beams, boolean isr, boolean energySpread) {
        this.beams = beams;
        this.isr = isr;
        this.energySpread = energySpread;
    }

    public InitialState sample(UniformRandomProvider rng) {
        BeamConditions b = beams;
        if (energySpread) {
            ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
            b = new BeamConditions(beams.herEnergyGeV() + BeamSpread.HER_SIGMA_GEV * g.sample(),
                beams.lerEnergyGeV() + BeamSpread.LER_SIGMA_GEV * g.sample(), beams.herAngleRad(), beams.lerAngleRad());
        }
        FourVector p1 = b.electron();
        FourVector p2 = b.positron();
        FourVector total = p1.plus(p2);
        if (!isr) {
            return new InitialState(p1, p2, List.of(), total, p1);
        }
        double s = total.mass2();
        double sqrtS = Math.sqrt(s);
        double halfBeta = KuraevFadin.beta(s) / 2;
        double[] toLab = total.boostVector();
        List<FourVector> photons = new ArrayList<>(2);
        FourVector hard = total;
        FourVector e1 = p1;
        FourVector[] beamsLab = {p1, p2};
        for (int i = 0; i < 2; i++) {
            double energy = KuraevFadin.sample(rng, halfBeta) * sqrtS / 2;
            if (energy < MIN_PHOTON_ENERGY_GEV) {
                continue;
            }
            FourVector axis = beamsLab[i].inRestFrameOf(total);
            FourVector kCm = photon(rng, axis, energy, sqrtS);
            FourVector k = kCm.boost(toLab[0], toLab[1], toLab[2]);
            photons.add(k);
            hard = hard.minus(k);
            if (i == 0) {
                e1 = p1.minus(k);
            }
        }
        return new InitialState(p1, p2, photons, hard, e1);
    }

    /** A photon of the given c.m. energy radiated by a beam particle moving along axis (c.m. frame). */
    private static FourVector photon(UniformRandomProvider rng, FourVector axis, double energy, double sqrtS) {
        double eb = sqrtS / 2;
        double pb = Math.sqrt(eb * eb - ELECTRON_MASS_GEV * ELECTRON_MASS_GEV);
        double beta = pb / eb;
        double rapidity = Math.log((eb + pb) / ELECTRON_MASS_GEV);   // atanh(beta)
        double c;
        while (true) {
            // proposal 1/(1 - beta^2 c^2), accept with (1 - c^2)/(1 - beta^2 c^2) <= 1
            c = Math.tanh((2 * rng.nextDouble() - 1) * rapidity) / beta;
            if (Math.abs(c) <= 1 && rng.nextDouble() * (1 - beta * beta * c * c) < (1 - c * c)) {
                break;
            }
        }
        c = Math.abs(c);
        double st = Math.sqrt(Math.max(0, 1 - c * c));
        double phi = 2 * Math.PI * rng.nextDouble();
        // local frame: w along the beam axis, u and v perpendicular
        double[] w = {axis.px() / axis.p(), axis.py() / axis.p(), axis.pz() / axis.p()};
        double[] u = Math.abs(w[2]) < 0.9 ? cross(w, new double[] {0, 0, 1}) : cross(w, new double[] {1, 0, 0});
        double nu = Math.sqrt(u[0] * u[0] + u[1] * u[1] + u[2] * u[2]);
        for (int k = 0; k < 3; k++) {
            u[k] /= nu;
        }
        double[] v = cross(w, u);
        double a = st * Math.cos(phi), bb = st * Math.sin(phi);
        return new FourVector(energy,
            energy * (c * w[0] + a * u[0] + bb * v[0]),
            energy * (c * w[1] + a * u[1] + bb * v[1]),
            energy * (c * w[2] + a * u[2] + bb * v[2]));
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }
}
