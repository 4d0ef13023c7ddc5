package org.fourmu.simulation.detector;

import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.Track;

/**
 * A simple cut-based muon identification on the fast-detector observables, as a reference that the
 * paper's muon-ID performance is reachable (the analysis builds its own likelihood later). Above the KLM
 * threshold (a muon of this momentum is expected to reach the KLM): at most {@link #MAX_MISSING_LAYERS}
 * expected layers missing and no electron-like ECL deposit; below it: a MIP-like ECL deposit.
 */
public final class ReferenceMuonId {

    /** Expected KLM layers that may be missing at the end of the track (layer inefficiency, straggling). */
    public static final int MAX_MISSING_LAYERS = 3;
    /** MIP window of the matched ECL deposit for low-momentum muons [GeV] (MIP ~ 0.19 GeV in 30 cm CsI). */
    public static final double MIP_MIN_GEV = 0.10;
    public static final double MIP_MAX_GEV = 0.28;

    private ReferenceMuonId() {
    }

    /** Whether the track passes the reference muon selection. */
    public static boolean isMuon(Track t) {
        double p = t.momentum(PhysicalConstants.MUON_MASS_GEV).p();
        boolean electronLike = t.eclEnergyGeV() > 0.8 * p;
        if (t.klmLayersExpected() > 0) {
            return t.klmLayersReached() > 0 && t.klmLayersExpected() - t.klmLayersReached() <= MAX_MISSING_LAYERS && !electronLike;
        }
        // below the KLM threshold: a muon that stops in the ECL deposits its kinetic energy, otherwise a MIP
        double kinetic = Math.hypot(p, PhysicalConstants.MUON_MASS_GEV) - PhysicalConstants.MUON_MASS_GEV;
        double max = Math.min(MIP_MAX_GEV, kinetic + 0.03);
        double min = Math.min(MIP_MIN_GEV, 0.5 * kinetic);
        return t.eclEnergyGeV() >= min && t.eclEnergyGeV() <= max && !electronLike;
    }
}
