package org.fourmu.simulation.skim;

import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.Photon;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.selection.SelectionParameters;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.detector.FastDetector;

/**
 * The four-track skim of a simulated dataset, exact for the analysis: it keeps every event that can pass the
 * requirements of the selection (paper Sec. IV C) that depend on neither the calibration (trigger maps, PID) nor
 * the beams: exactly four tracks, zero net charge, M(4mu) of the tracks in the window, every track's impact
 * parameters, total photon energy. An event fails the selection if it fails any one of them, whatever their
 * order, so {@link org.fourmu.physics.selection.EventSelection} selects the same events from the skimmed and the
 * full dataset. Two levels: before the detector, events from which the detector cannot make four tracks, or four
 * tracks heavy enough for the M(4mu) window, are not simulated at all; after it, the recorded event must pass the
 * requirements.
 */
public final class FourTrackSkim {

    /** What the skim keeps, for dataset manifests. */
    public static final String DESCRIPTION = "four-track: exactly 4 tracks, zero net charge, M(4mu) in the selection window, "
        + "|d0| and |z0| of every track, total photon energy (paper Sec. IV C, SelectionParameters.PAPER); "
        + "the detector is not run for events from which it cannot make 4 tracks, or 4 tracks of M(4mu) inside the window "
        + "with the curvature and dip-angle smearing within 10 sigma";

    private static final double MU = PhysicalConstants.MUON_MASS_GEV;

    private final FastDetector detector;
    private final SelectionParameters cuts;

    public FourTrackSkim(FastDetector detector, SelectionParameters cuts) {
        this.detector = detector;
        this.cuts = cuts;
    }

    /** The skim of the nominal detector for the paper's selection. */
    public static FourTrackSkim paper() {
        return new FourTrackSkim(FastDetector.nominal(), SelectionParameters.PAPER);
    }

    /** Gaussian numbers of the track smearing are taken to lie within this many standard deviations. */
    public static final double SMEARING_SIGMAS = 10.0;

    /**
     * Whether the detector can make enough tracks from a generated event, heavy enough for the M(4mu) window
     * (false: the event can never pass; {@link FastDetector#maxTracks}, {@link FastDetector#maxFourTrackMass}).
     */
    public boolean canPass(GeneratedEvent generated) {
        if (cuts.tracks() == 4) {
            // 0 when fewer than four tracks are possible
            return detector.maxFourTrackMass(generated, SMEARING_SIGMAS) > cuts.m4muMinGeV();
        }
        return detector.maxTracks(generated) >= cuts.tracks();
    }

    /** Whether a recorded event passes the track-count, charge, M(4mu), impact-parameter and photon-energy requirements. */
    public boolean passes(RecordedEvent event) {
        if (event.tracks().size() != cuts.tracks()) {
            return false;
        }
        int charge = 0;
        FourVector total = FourVector.ZERO;
        for (Track t : event.tracks()) {
            if (!(Math.abs(t.d0Cm()) < cuts.d0MaxCm() && Math.abs(t.z0Cm()) < cuts.z0MaxCm())) {
                return false;
            }
            charge += t.charge();
            total = total.plus(t.momentum(MU));
        }
        double m4mu = total.mass();
        if (!(charge == 0 && m4mu > cuts.m4muMinGeV() && m4mu < cuts.m4muMaxGeV())) {
            return false;
        }
        double photonEnergy = 0;
        for (Photon g : event.photons()) {
            photonEnergy += g.energyGeV();
        }
        return photonEnergy < cuts.photonEnergyMaxGeV();
    }
}
