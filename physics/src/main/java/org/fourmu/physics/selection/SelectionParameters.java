package org.fourmu.physics.selection;

/**
 * The event-selection requirements of paper Sec. IV C.
 *
 * @param tracks               required number of tracks
 * @param m4muMinGeV           lower edge of the M(4mu) window
 * @param m4muMaxGeV           upper edge of the M(4mu) window
 * @param d0MaxCm              transverse impact-parameter limit
 * @param z0MaxCm              longitudinal impact-parameter limit
 * @param minMuons             muon-identified tracks required
 * @param photonEnergyMaxGeV   total photon energy limit (lab)
 * @param isrCheckBelowGeV     M(4mu) below which the photon energy must be under the single-ISR-photon line
 * @param maxPhotonAngleDeg    largest allowed c.m. angle between the 4mu and the photon system
 * @param electronVetoBelowGeV candidates with M(mumu) below this need no electron-identified track
 */
public record SelectionParameters(int tracks, double m4muMinGeV, double m4muMaxGeV, double d0MaxCm, double z0MaxCm,
                                  int minMuons, double photonEnergyMaxGeV, double isrCheckBelowGeV,
                                  double maxPhotonAngleDeg, double electronVetoBelowGeV) {

    /** The values the paper states (Sec. IV C). */
    public static final SelectionParameters PAPER = new SelectionParameters(4, 10.0, 11.0, 0.5, 2.0, 3, 0.4, 10.4, 160.0, 1.0);
}
