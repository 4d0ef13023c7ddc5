package org.fourmu.simulation.detector;

/**
 * Every number of the fast Belle II-like detector response, in one place, each with its source.
 * Angles in degrees, lengths in cm, energies and momenta in GeV.
 *
 * <p>Sources: [paper] the Belle II dimuon-resonance search (PRD 109, 112015), Sec. II and IV;
 * [PHYSICS] /shared/design/PHYSICS.md "Detector response"; [TDR] Belle II Technical Design Report,
 * arXiv:1011.0352; [KLM] Belle KLM, NIM A 479 (2002) 117 and Belle II KLM upgrade (TDR ch. 11);
 * [PDG] Review of Particle Physics, atomic and nuclear properties of materials.
 */
public record DetectorParameters(
    // ---- tracking (CDC + VXD) ----
    /** CDC polar acceptance [paper Sec. II; PHYSICS]. */
    double trackThetaMinDeg, double trackThetaMaxDeg,
    /** pT at which the track-finding efficiency is half its plateau, and the turn-on width [PHYSICS: 0.05-0.1 GeV]. */
    double trackPtHalfEfficiencyGeV, double trackPtTurnOnWidthGeV,
    /** Plateau tracking efficiency per track (Belle II CDC tracking ~99.5%, TDR). */
    double trackPlateauEfficiency,
    /** sigma(pT)/pT = a pT (+) b [paper Sec. II: 0.1% pT (+) 0.3%]. */
    double ptResolutionSlopePerGeV, double ptResolutionConstant,
    /** Angular resolution sigma = c (+) m/(p beta): ~1 mrad at high p, a few mrad at low p [PHYSICS]. */
    double angleResolutionConstantRad, double angleResolutionScatteringRadGeV,
    /** Impact parameters sigma(d0) = a (+) b/(p beta sin^{3/2} theta), sigma(z0) = a (+) b/(p beta sin^{5/2} theta)
     *  [TDR Sec. 5: ~10-20 um at high p]. */
    double d0ResolutionConstantCm, double d0ResolutionScatteringCmGeV,
    double z0ResolutionConstantCm, double z0ResolutionScatteringCmGeV,
    /** Fraction of tracks with a misreconstructed/beam-induced impact parameter, and the tail widths [PHYSICS: tails]. */
    double impactTailFraction, double d0TailWidthCm, double z0TailWidthCm,
    /** Luminous region sizes (SuperKEKB nano-beam: sigma_x ~ 10 um, sigma_y < 1 um, sigma_z ~ 0.35 mm; TDR ch. 2). */
    double beamSpotSigmaXCm, double beamSpotSigmaYCm, double beamSpotSigmaZCm,
    /** dE/dx resolution in the CDC (TDR: ~5-8%) and the Fermi-plateau value in MIP units (~1.5 for He-C2H6). */
    double dedxResolution, double dedxFermiPlateau,
    // ---- ECL ----
    /** ECL polar regions [paper/PHYSICS: forward 12.4-31.4, barrel 32.2-128.7, backward 130.7-155.1 deg]. */
    double eclForwardMinDeg, double eclForwardMaxDeg, double eclBarrelMinDeg, double eclBarrelMaxDeg,
    double eclBackwardMinDeg, double eclBackwardMaxDeg,
    /** sigma(E)/E = a/E (+) b/E^{1/4} (+) c, E in GeV [TDR Sec. 8 form; noise and constant terms set to PHYSICS.md: ~4% at 0.1 GeV, 1.6% at 8 GeV]. */
    double eclNoiseTermGeV, double eclStochasticTerm, double eclConstantTerm,
    /** Photon reconstruction threshold [paper Sec. IV B: 100 MeV]; photon angular resolution sigma = a/sqrt(E) [TDR: ~ few mrad]. */
    double photonThresholdGeV, double photonAngleResolutionRadSqrtGeV,
    /** Most probable MIP deposit in the 16 X0 (30 cm) CsI(Tl) crystals and its Landau width [PDG: 5.6 MeV/cm * 30 cm ~ 0.17-0.2 GeV]. */
    double eclMipMostProbableGeV, double eclMipLandauWidthGeV,
    /** Probability that a pion interacts hadronically in the ECL (30 cm CsI / lambda_I 39.3 cm = 0.76 lambda_I [PDG]). */
    double eclPionInteractionProbability,
    /** Electron E/p peak and width (shower containment and leakage, TDR). */
    double electronEOverPMean, double electronEOverPWidth,
    // ---- beam background ----
    /** Mean number of beam-background ECL clusters above threshold per event and the mean energy above threshold
     *  (soft exponential spectrum). Set so that ~1.5% of events lose to the 0.4 GeV photon-energy cut: the paper (Sec. VI)
     *  finds the beam-background veto uncertainty below 1% when varying the background level, so the veto is small. */
    double beamBackgroundClustersMean, double beamBackgroundSlopeGeV,
    // ---- material / conversions ----
    /** Material before the CDC in radiation lengths (beam pipe, PXD 2x0.2%, SVD 4x0.6%, CDC inner wall; TDR) and the
     *  radius range where conversions happen [cm]. Conversion probability 1 - exp(-7/9 X/X0). */
    double innerMaterialX0, double conversionRadiusMinCm, double conversionRadiusMaxCm,
    // ---- KLM ----
    /** KLM polar regions [PHYSICS: barrel 47-122 deg, forward endcap 18-47, backward endcap 122-155]. */
    double klmBarrelMinDeg, double klmBarrelMaxDeg, double klmForwardMinDeg, double klmBackwardMaxDeg,
    /** Detector layers: barrel 15, forward endcap 14, backward endcap 12 [TDR ch. 11; Belle II KLM]. */
    int klmBarrelLayers, int klmForwardLayers, int klmBackwardLayers,
    /** Energy a muon loses before the first KLM layer at normal incidence (ECL, solenoid, cryostat): sets the
     *  ~0.6 GeV threshold [PHYSICS: muons reach the KLM above 0.6-0.7 GeV]. */
    double klmFrontEnergyLossGeV,
    /** Energy lost per 4.7 cm iron plate at normal incidence (4.7 cm * 7.87 g/cm3 * ~1.6 MeV cm2/g [PDG]). */
    double klmPlateEnergyLossGeV,
    /** Relative range straggling of the total energy loss. */
    double klmRangeStraggling,
    /** Hit efficiency per KLM layer (RPC/scintillator, TDR ~ 90-95%). */
    double klmLayerEfficiency,
    /** Pion nuclear interaction probability per iron plate (4.7 cm / lambda_I 16.8 cm [PDG]) and in the solenoid/cryostat. */
    double klmPlateInteractionProbability, double solenoidPionInteractionProbability,
    /** Mean number of extra layers a pion hadronic shower lights up beyond its interaction point. */
    double pionShowerExtraLayersMean,
    /** Radial distance from IP to the KLM barrel inner face and z of the forward/backward endcap faces [cm, TDR]. */
    double klmBarrelRadiusCm, double klmForwardZCm, double klmBackwardZCm,
    /** Layers an electron reaching the ECL gaps lights up in the KLM on average [paper Sec. IV C]. */
    double electronGapKlmLayersMean) {

    /** Inner radius of the ECL barrel crystals [TDR ch. 8: 125 cm]: a track needs 2R > r to reach it. */
    public static final double ECL_BARREL_RADIUS_CM = 125.0;
    /** Charged-pion and charged-kaon c*tau [PDG] and the K -> mu nu branching fraction [PDG]. */
    public static final double PION_CTAU_CM = 780.45;
    public static final double KAON_CTAU_CM = 371.2;
    public static final double KAON_MUNU_BRANCHING = 0.6356;

    /** Nominal Belle II-like values. */
    public static final DetectorParameters NOMINAL = new DetectorParameters(
        17.0, 150.0,
        0.075, 0.012,
        0.995,
        0.001, 0.003,
        0.0010, 0.0020,
        0.0015, 0.0030,
        0.0020, 0.0035,
        0.01, 0.3, 1.0,
        0.0010, 0.00002, 0.035,
        0.06, 1.45,
        12.4, 31.4, 32.2, 128.7,
        130.7, 155.1,
        0.0035, 0.0081, 0.0155,
        0.100, 0.004,
        0.190, 0.010,
        0.55,
        0.95, 0.035,
        0.5, 0.045,
        0.035, 1.0, 12.0,
        47.0, 122.0, 18.0, 155.0,
        15, 14, 12,
        0.500,
        0.059,
        0.04,
        0.93,
        0.24, 0.25,
        1.5,
        200.0, 240.0, -160.0,
        2.0);

    /** The same detector without impact-parameter tails (for pull tests of the Gaussian core). */
    public DetectorParameters withoutImpactTails() {
        return withImpactTailFraction(0.0);
    }

    /** A copy with another tail fraction. */
    public DetectorParameters withImpactTailFraction(double fraction) {
        return new DetectorParameters(trackThetaMinDeg, trackThetaMaxDeg, trackPtHalfEfficiencyGeV, trackPtTurnOnWidthGeV,
            trackPlateauEfficiency, ptResolutionSlopePerGeV, ptResolutionConstant, angleResolutionConstantRad,
            angleResolutionScatteringRadGeV, d0ResolutionConstantCm, d0ResolutionScatteringCmGeV, z0ResolutionConstantCm,
            z0ResolutionScatteringCmGeV, fraction, d0TailWidthCm, z0TailWidthCm, beamSpotSigmaXCm, beamSpotSigmaYCm,
            beamSpotSigmaZCm, dedxResolution, dedxFermiPlateau, eclForwardMinDeg, eclForwardMaxDeg, eclBarrelMinDeg,
            eclBarrelMaxDeg, eclBackwardMinDeg, eclBackwardMaxDeg, eclNoiseTermGeV, eclStochasticTerm, eclConstantTerm,
            photonThresholdGeV, photonAngleResolutionRadSqrtGeV, eclMipMostProbableGeV, eclMipLandauWidthGeV,
            eclPionInteractionProbability, electronEOverPMean, electronEOverPWidth, beamBackgroundClustersMean,
            beamBackgroundSlopeGeV, innerMaterialX0, conversionRadiusMinCm, conversionRadiusMaxCm, klmBarrelMinDeg,
            klmBarrelMaxDeg, klmForwardMinDeg, klmBackwardMaxDeg, klmBarrelLayers, klmForwardLayers, klmBackwardLayers,
            klmFrontEnergyLossGeV, klmPlateEnergyLossGeV, klmRangeStraggling, klmLayerEfficiency,
            klmPlateInteractionProbability, solenoidPionInteractionProbability, pionShowerExtraLayersMean,
            klmBarrelRadiusCm, klmForwardZCm, klmBackwardZCm, electronGapKlmLayersMean);
    }

    /** A copy with another mean number of beam-background clusters per event. */
    public DetectorParameters withBeamBackgroundClustersMean(double mean) {
        return new DetectorParameters(trackThetaMinDeg, trackThetaMaxDeg, trackPtHalfEfficiencyGeV, trackPtTurnOnWidthGeV,
            trackPlateauEfficiency, ptResolutionSlopePerGeV, ptResolutionConstant, angleResolutionConstantRad,
            angleResolutionScatteringRadGeV, d0ResolutionConstantCm, d0ResolutionScatteringCmGeV, z0ResolutionConstantCm,
            z0ResolutionScatteringCmGeV, impactTailFraction, d0TailWidthCm, z0TailWidthCm, beamSpotSigmaXCm, beamSpotSigmaYCm,
            beamSpotSigmaZCm, dedxResolution, dedxFermiPlateau, eclForwardMinDeg, eclForwardMaxDeg, eclBarrelMinDeg,
            eclBarrelMaxDeg, eclBackwardMinDeg, eclBackwardMaxDeg, eclNoiseTermGeV, eclStochasticTerm, eclConstantTerm,
            photonThresholdGeV, photonAngleResolutionRadSqrtGeV, eclMipMostProbableGeV, eclMipLandauWidthGeV,
            eclPionInteractionProbability, electronEOverPMean, electronEOverPWidth, mean,
            beamBackgroundSlopeGeV, innerMaterialX0, conversionRadiusMinCm, conversionRadiusMaxCm, klmBarrelMinDeg,
            klmBarrelMaxDeg, klmForwardMinDeg, klmBackwardMaxDeg, klmBarrelLayers, klmForwardLayers, klmBackwardLayers,
            klmFrontEnergyLossGeV, klmPlateEnergyLossGeV, klmRangeStraggling, klmLayerEfficiency,
            klmPlateInteractionProbability, solenoidPionInteractionProbability, pionShowerExtraLayersMean,
            klmBarrelRadiusCm, klmForwardZCm, klmBackwardZCm, electronGapKlmLayersMean);
    }

    /** sigma(pT)/pT at transverse momentum pT. */
    public double relativePtResolution(double ptGeV) {
        return Math.hypot(ptResolutionSlopePerGeV * ptGeV, ptResolutionConstant);
    }

    /** Photon sigma(E)/E at energy E. */
    public double relativePhotonEnergyResolution(double energyGeV) {
        double a = eclNoiseTermGeV / energyGeV;
        double b = eclStochasticTerm / Math.pow(energyGeV, 0.25);
        return Math.sqrt(a * a + b * b + eclConstantTerm * eclConstantTerm);
    }

    /** Whether a polar angle is inside one of the three ECL regions (not in the gaps). */
    public boolean inEcl(double thetaDeg) {
        return (thetaDeg >= eclForwardMinDeg && thetaDeg <= eclForwardMaxDeg)
            || (thetaDeg >= eclBarrelMinDeg && thetaDeg <= eclBarrelMaxDeg)
            || (thetaDeg >= eclBackwardMinDeg && thetaDeg <= eclBackwardMaxDeg);
    }

    /** Whether a polar angle falls in a gap between ECL barrel and an endcap. */
    public boolean inEclGap(double thetaDeg) {
        return (thetaDeg > eclForwardMaxDeg && thetaDeg < eclBarrelMinDeg)
            || (thetaDeg > eclBarrelMaxDeg && thetaDeg < eclBackwardMinDeg);
    }
}
