package org.fourmu.physics.trigger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.random.RandomStreams;

/**
 * Emulates the logical OR of the three-track and single-muon triggers (paper Sec. IV A). For
 * simulation the decision is drawn deterministically from (seed, run, event) with the emulated
 * efficiency; for data the recorded bits decide and the emulation is only compared with them.
 */
public final class TriggerEmulation {

    private final TriggerEfficiencyMaps maps;
    private final long seed;

    public TriggerEmulation(TriggerEfficiencyMaps maps, long seed) {
        this.maps = maps;
        this.seed = seed;
    }

    /** The decision for one event. */
    public record Decision(boolean fired, double efficiency, double threeTrackEfficiency, double singleMuonEfficiency,
                           boolean fromRecordedBits, boolean emulationAgrees) {
    }

    /**
     * Trigger an event whose muon-identified tracks are flagged in {@code isMuon}.
     */
    public Decision decide(RecordedEvent event, boolean[] isMuon) {
        double e3 = threeTrackEfficiency(event.tracks());
        double e1 = singleMuonEfficiency(event.tracks(), isMuon);
        double eff = 1 - (1 - e3) * (1 - e1);
        boolean emulated = RandomStreams.uniform(seed, event.experiment(), event.run(), event.eventNumber()) < eff;
        if (event.triggerBits().isPresent()) {
            boolean recorded = event.triggerBits().get().physicsTrigger();
            return new Decision(recorded, eff, e3, e1, true, recorded == emulated);
        }
        return new Decision(emulated, eff, e3, e1, false, true);
    }

    double threeTrackEfficiency(List<Track> tracks) {
        List<Double> pts = new ArrayList<>();
        for (Track t : tracks) {
            FourVector p = t.momentum(PhysicalConstants.MUON_MASS_GEV);
            double theta = Math.toDegrees(p.theta());
            if (theta > maps.threeTrackThetaMinDeg() && theta < maps.threeTrackThetaMaxDeg()) {
                pts.add(p.pt());
            }
        }
        if (pts.size() < maps.threeTrackMinTracks()) {
            return 0.0;
        }
        double[] sorted = pts.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return maps.turnOn(sorted[0]) * maps.turnOn(sorted[1]);
    }

    double singleMuonEfficiency(List<Track> tracks, boolean[] isMuon) {
        double none = 1;
        for (int i = 0; i < tracks.size(); i++) {
            if (!isMuon[i] || tracks.get(i).klmLayersReached() == 0) {
                continue;
            }
            FourVector p = tracks.get(i).momentum(PhysicalConstants.MUON_MASS_GEV);
            double theta = Math.toDegrees(p.theta());
            if (p.p() > maps.singleMuonMinPGeV() && theta > maps.singleMuonThetaMinDeg() && theta < maps.singleMuonThetaMaxDeg()) {
                // several muons combine assuming no correlation (Sec. IV A)
                none *= 1 - maps.singleMuonPlateau();
            }
        }
        return 1 - none;
    }
}
