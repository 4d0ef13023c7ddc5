package org.fourmu.physics.candidates;

/**
 * The 16 MLP inputs of a candidate (paper Sec. IV D; definitions in docs/features.md). All but the
 * helicity angle are computed in the c.m. frame; momentum-like inputs are divided by p0, products
 * of two momenta by p0^2, so that their distributions depend little on the mass.
 */
public final class CandidateFeatures {

    /** Feature order, as the networks and the wire record use it. */
    public static final String[] NAMES = {
        "p_mumu",
        "abs_cos_helicity",
        "p_mu_plus",
        "p_mu_minus",
        "pt_mu_plus",
        "pt_mu_minus",
        "p_recoil_mu_plus",
        "p_recoil_mu_minus",
        "pt_recoil_mu_plus",
        "pt_recoil_mu_minus",
        "pt_mumu_wrt_recoil_min_signed",
        "pt_mumu_wrt_recoil_max",
        "corr_pt_recoil_min_pt_z",
        "corr_p_mu_plus_p_mu_minus",
        "pt_recoil_pair_wrt_candidate_min",
        "pt_recoil_pair_wrt_candidate_max",
    };

    public static final int COUNT = NAMES.length;

    private CandidateFeatures() {
    }
}
