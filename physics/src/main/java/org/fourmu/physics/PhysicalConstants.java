package org.fourmu.physics;

/**
 * Physical constants and unit conversions; the one home of every such number (GeV, c = 1).
 */
public final class PhysicalConstants {

    private PhysicalConstants() {
    }

    /** Muon mass in GeV (PDG 2024). */
    public static final double MUON_MASS_GEV = 0.1056583755;
    /** Electron mass in GeV (PDG 2024). */
    public static final double ELECTRON_MASS_GEV = 0.51099895e-3;
    /** Tau mass in GeV (PDG 2024). */
    public static final double TAU_MASS_GEV = 1.77686;
    /** Charged pion mass in GeV (PDG 2024). */
    public static final double PION_MASS_GEV = 0.13957039;
    /** J/psi mass in GeV (PDG 2024): the live calibration monitor. */
    public static final double JPSI_MASS_GEV = 3.096900;

    /** Fine-structure constant at zero momentum transfer, alpha(0) (CODATA 2018). Cross sections use it unless they say otherwise. */
    public static final double ALPHA_0 = 1.0 / 137.035999084;

    /** hbar c^2 conversion: 1 GeV^-2 = 0.3893793721 mb (PDG). */
    public static final double INV_GEV2_TO_MB = 0.3893793721;
    /** 1 GeV^-2 in femtobarn. */
    public static final double INV_GEV2_TO_FB = INV_GEV2_TO_MB * 1e12;

    /** Speed of light in m/ns; with B in tesla and radius in metres, pT[GeV] = 0.299792458 B R. */
    public static final double SPEED_OF_LIGHT_M_PER_NS = 0.299792458;
    /** Belle II solenoid field in tesla (paper, Sec. II). */
    public static final double BELLE2_SOLENOID_FIELD_T = 1.5;

    /** PDG particle codes used across the project. */
    public static final int PDG_ELECTRON = 11;
    public static final int PDG_MUON = 13;
    public static final int PDG_TAU = 15;
    public static final int PDG_PHOTON = 22;
    public static final int PDG_PION = 211;
    public static final int PDG_KAON = 321;
    public static final int PDG_PROTON = 2212;
}
