package org.fourmu.physics.selection;

/**
 * The steps of the per-event chain in the order they are applied; each one counts pass and fail
 * in the cut-flow. The metric tag is {@link #tag()}.
 */
public enum Stage {
    /** Trigger emulation or recorded trigger bits (paper Sec. IV A). */
    TRIGGER,
    /** Exactly four tracks (Sec. IV C). */
    NTRACKS,
    /** Zero net charge. */
    CHARGE,
    /** 10 < M(4mu) < 11 GeV. */
    M4MU,
    /** |d0| < 0.5 cm and |z0| < 2 cm for every track. */
    IMPACT,
    /** At least three muon-identified tracks. */
    MUON_ID,
    /** Total photon energy below 0.4 GeV. */
    PHOTON_ENERGY,
    /** Below M(4mu) = 10.4 GeV: photon energy below that of a single ISR photon. */
    ISR,
    /** c.m. angle between the 4mu and photon systems at most 160 degrees. */
    ANGLE,
    /** The 4C kinematic fit converged. */
    KINFIT;

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
