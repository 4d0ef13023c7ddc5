package org.fourmu.physics.trigger;

/**
 * Efficiency parametrisations of the two physics triggers (paper Sec. IV A), calibration
 * parameters. The three-track trigger's efficiency is the product of a turn-on in the pT of each
 * of the two lowest-pT tracks, eps(pT) = plateau / (1 + exp(-(pT - halfPt) / widthPt)); the
 * single-muon trigger has a plateau per muon inside its polar-angle window.
 *
 * @param threeTrackThetaMinDeg   polar-angle window of the three-track trigger (37-120 deg)
 * @param threeTrackThetaMaxDeg
 * @param threeTrackMinTracks     tracks required in the window
 * @param turnOnHalfPtGeV         pT at half plateau
 * @param turnOnWidthGeV          width of the turn-on
 * @param threeTrackPlateau       plateau (close to 100% above 0.5 GeV)
 * @param singleMuonThetaMinDeg   window of the single-muon trigger plateau (51-117 deg)
 * @param singleMuonThetaMaxDeg
 * @param singleMuonPlateau       plateau per muon (~90%)
 * @param singleMuonMinPGeV       momentum a muon needs to reach the barrel KLM
 */
public record TriggerEfficiencyMaps(double threeTrackThetaMinDeg, double threeTrackThetaMaxDeg, int threeTrackMinTracks,
                                    double turnOnHalfPtGeV, double turnOnWidthGeV, double threeTrackPlateau,
                                    double singleMuonThetaMinDeg, double singleMuonThetaMaxDeg, double singleMuonPlateau,
                                    double singleMuonMinPGeV) {

    /**
     * Values read off the paper's description: windows 37-120 and 51-117 degrees, plateaus ~100%
     * above 0.5 GeV and ~90%. The turn-on's position and width are our estimate, to be replaced by
     * measured maps in the calibration bundle.
     */
    public static final TriggerEfficiencyMaps PAPER = new TriggerEfficiencyMaps(37, 120, 3, 0.25, 0.05, 0.995,
            51, 117, 0.90, 0.7);

    public double turnOn(double ptGeV) {
        return threeTrackPlateau / (1 + Math.exp(-(ptGeV - turnOnHalfPtGeV) / turnOnWidthGeV));
    }
}
