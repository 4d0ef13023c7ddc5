package org.fourmu.simulation.isr;

import static org.fourmu.physics.PhysicalConstants.ALPHA_0;
import static org.fourmu.physics.PhysicalConstants.ELECTRON_MASS_GEV;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Initial-state radiation in the structure-function approach of E.A. Kuraev and V.S. Fadin,
 * Sov. J. Nucl. Phys. 41 (1985) 466, at the order given in PHYSICS.md:
 * W(x) = beta x^(beta-1) (1 + 3 beta/4) - beta (1 - x/2), beta = (2 alpha/pi)(ln(s/m_e^2) - 1),
 * x the fraction of the c.m. energy radiated (s' = s (1 - x)). Each beam radiates with the
 * same form and beta/2; the convolution of the two reproduces W to this order (tested).
 * W integrates to exactly 1 on [0, 1], so sampling it needs no extra weight.
 */
public final class KuraevFadin {

    private KuraevFadin() {
    }

    /** beta = (2 alpha/pi)(ln(s/m_e^2) - 1) for both beams together. */
    public static double beta(double s) {
        return 2 * ALPHA_0 / Math.PI * (Math.log(s / (ELECTRON_MASS_GEV * ELECTRON_MASS_GEV)) - 1);
    }

    /** W(x) for radiated fraction x with the given beta (beta for both beams, beta/2 for one). */
    public static double density(double x, double beta) {
        return beta * Math.pow(x, beta - 1) * (1 + 0.75 * beta) - beta * (1 - 0.5 * x);
    }

    /** A radiated energy fraction from W(x; beta), exactly: proposal beta x^(beta-1), then accept-reject. */
    public static double sample(UniformRandomProvider rng, double beta) {
        while (true) {
            double x = Math.pow(1 - rng.nextDouble(), 1 / beta);
            double accept = 1 - (1 - 0.5 * x) * Math.pow(x, 1 - beta) / (1 + 0.75 * beta);
            if (rng.nextDouble() < accept) {
                return x;
            }
        }
    }
}
