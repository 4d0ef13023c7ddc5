package org.fourmu.physics.trigger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.HelixParameters;
import org.fourmu.physics.event.McTruth;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.event.TriggerBits;
import org.fourmu.physics.kinematics.FourVector;
import org.junit.jupiter.api.Test;

class TriggerEmulationTest {

    private static final TriggerEfficiencyMaps MAPS = TriggerEfficiencyMaps.PAPER;

    private static Track track(double pt, double thetaDeg, int klmLayers) {
        double p = pt / Math.sin(Math.toRadians(thetaDeg));
        FourVector v = FourVector.fromPolar(p, Math.toRadians(thetaDeg), 0.3, PhysicalConstants.MUON_MASS_GEV);
        double[] cov = new double[HelixParameters.PACKED_SIZE];
        for (int i = 0; i < 5; i++) {
            cov[HelixParameters.packedIndex(i, i)] = 1e-8;
        }
        return new Track(HelixParameters.fromMomentum(v.px(), v.py(), v.pz(), 1, 0, 0, 1.5, cov), klmLayers, 14, 0.2, 1,
                OptionalDouble.empty(), OptionalDouble.empty());
    }

    private static RecordedEvent event(List<Track> tracks, long eventNumber) {
        return new RecordedEvent(26, 3, eventNumber, 0, tracks, List.of(), Optional.empty(),
                Optional.of(new McTruth("test", Double.NaN, 1)));
    }

    @Test
    void threeTrackTriggerReachesItsPlateauAboveHalfAGeV() {
        TriggerEmulation t = new TriggerEmulation(MAPS, 1);
        List<Track> hard = List.of(track(1.0, 60, 0), track(0.8, 80, 0), track(0.6, 100, 0));
        assertTrue(t.threeTrackEfficiency(hard) > 0.98);
        List<Track> soft = List.of(track(1.0, 60, 0), track(0.15, 80, 0), track(0.15, 100, 0));
        assertTrue(t.threeTrackEfficiency(soft) < 0.1);
        List<Track> outside = List.of(track(1.0, 30, 0), track(0.8, 80, 0), track(0.6, 100, 0));
        assertEquals(0.0, t.threeTrackEfficiency(outside), "a track at 30 deg is outside the 37-120 deg window");
    }

    @Test
    void severalMuonsCombineAsIndependentChances() {
        TriggerEmulation t = new TriggerEmulation(MAPS, 1);
        List<Track> muons = List.of(track(2, 90, 14), track(2, 70, 14), track(2, 150, 14));
        boolean[] all = {true, true, true};
        // two muons in the 51-117 deg window: 1 - (1 - 0.9)^2
        assertEquals(1 - 0.01, t.singleMuonEfficiency(muons, all), 1e-12);
        assertEquals(0.9, t.singleMuonEfficiency(muons, new boolean[] {true, false, true}), 1e-12);
    }

    @Test
    void simulatedDecisionIsDeterministicAndFiresAtTheEmulatedRate() {
        TriggerEmulation t = new TriggerEmulation(MAPS, 7);
        List<Track> tracks = List.of(track(0.25, 60, 0), track(0.8, 80, 0), track(0.25, 100, 0));
        boolean[] none = new boolean[3];
        double eff = t.decide(event(tracks, 0), none).efficiency();
        int fired = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            TriggerEmulation.Decision d = t.decide(event(tracks, i), none);
            assertEquals(d.fired(), t.decide(event(tracks, i), none).fired());
            fired += d.fired() ? 1 : 0;
        }
        double sigma = Math.sqrt(eff * (1 - eff) / n);
        assertEquals(eff, (double) fired / n, 5 * sigma);
    }

    @Test
    void recordedBitsDecideAndAgreementIsReported() {
        TriggerEmulation t = new TriggerEmulation(MAPS, 7);
        List<Track> tracks = List.of(track(1, 60, 0), track(1, 80, 0), track(1, 100, 0));
        RecordedEvent data = new RecordedEvent(26, 3, 1, 0, tracks, List.of(), Optional.of(new TriggerBits(false, false, true)),
                Optional.empty());
        TriggerEmulation.Decision d = t.decide(data, new boolean[3]);
        assertFalse(d.fired());
        assertTrue(d.fromRecordedBits());
        assertFalse(d.emulationAgrees(), "emulation fires at ~99% here, the bits say no");
    }
}
