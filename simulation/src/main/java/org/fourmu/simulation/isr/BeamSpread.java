package org.fourmu.simulation.isr;

/** SuperKEKB beam energy spreads (PHYSICS.md "Beams"; SuperKEKB design report, KEK Report 2013-1). */
public final class BeamSpread {

    private BeamSpread() {
    }

    /** HER (e-) energy spread, GeV. */
    public static final double HER_SIGMA_GEV = 5.13e-3;
    /** LER (e+) energy spread, GeV. */
    public static final double LER_SIGMA_GEV = 2.375e-3;
}
