package org.fourmu.physics.selection;

import static org.fourmu.physics.selection.SelectionFixtures.BEAMS;
import static org.fourmu.physics.selection.SelectionFixtures.event;
import static org.fourmu.physics.selection.SelectionFixtures.muons;
import static org.fourmu.physics.selection.SelectionFixtures.photonFromCm;
import static org.fourmu.physics.selection.SelectionFixtures.selection;
import static org.fourmu.physics.selection.SelectionFixtures.track;
import static org.fourmu.physics.selection.SelectionFixtures.tracks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.event.Photon;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.event.TriggerBits;
import org.fourmu.physics.kinematics.FourVector;
import org.junit.jupiter.api.Test;

class EventSelectionTest {

    private static final double SQRT_S = BEAMS.sqrtS();

    private static Stage failedAt(List<Track> tracks, List<Photon> photons) {
        return selection().apply(event(tracks, photons), BEAMS).failedAt();
    }

    private static List<Track> nominal() {
        return tracks(muons(SQRT_S, 0, 3.0, 0.5));
    }

    @Test
    void shouldAcceptACleanFourMuonEventWithFourCandidates() {
        EventSelection.Outcome o = selection().apply(event(nominal(), List.of()), BEAMS);
        assertNull(o.failedAt());
        assertEquals(4, o.candidates().size());
        double closest = o.candidates().stream().mapToDouble(c -> Math.abs(c.massGeV() - 3.0)).min().orElseThrow();
        assertEquals(0.0, closest, 1e-6, "the true pair is among the candidates, at its mass after the fit");
        assertEquals(SQRT_S, o.m4muGeV(), 1e-6);
    }

    @Test
    void shouldRejectWhenRecordedTriggerDidNotFire() {
        RecordedEvent e = new RecordedEvent(26, 1, 7, 0, nominal(), List.of(),
                Optional.of(new TriggerBits(false, false, true)), Optional.empty());
        assertEquals(Stage.TRIGGER, selection().apply(e, BEAMS).failedAt());
    }

    @Test
    void shouldRejectEventWithFiveTracks() {
        List<Track> five = new ArrayList<>(nominal());
        five.add(nominal().get(0));
        assertEquals(Stage.NTRACKS, failedAt(five, List.of()));
        assertEquals(Stage.NTRACKS, failedAt(nominal().subList(0, 3), List.of()));
    }

    @Test
    void shouldRejectEventWithNonZeroCharge() {
        List<FourVector> m = muons(SQRT_S, 0, 3.0, 0.5);
        List<Track> t = new ArrayList<>(nominal());
        t.set(1, track(m.get(1), 1, 0.001, 0.002, 1, 0));
        assertEquals(Stage.CHARGE, failedAt(t, List.of()));
    }

    @Test
    void shouldApplyTheFourMuonMassWindow() {
        assertEquals(Stage.M4MU, failedAt(tracks(muons(9.9, 0.5, 3.0, 0.5)), List.of()));
        assertEquals(Stage.M4MU, failedAt(tracks(muons(11.1, 0.5, 3.0, 0.5)), List.of()));
        assertTrue(failedAt(tracks(muons(10.1, 0.5, 3.0, 0.5)), List.of()) != Stage.M4MU);
        assertTrue(failedAt(tracks(muons(10.9, 0.5, 3.0, 0.5)), List.of()) != Stage.M4MU);
    }

    @Test
    void shouldApplyImpactParameterCuts() {
        List<FourVector> m = muons(SQRT_S, 0, 3.0, 0.5);
        List<Track> t = new ArrayList<>(nominal());
        t.set(2, track(m.get(2), 1, 0.6, 0.0, 1, 0));
        assertEquals(Stage.IMPACT, failedAt(t, List.of()));
        t.set(2, track(m.get(2), 1, 0.0, -2.1, 1, 0));
        assertEquals(Stage.IMPACT, failedAt(t, List.of()));
        t.set(2, track(m.get(2), 1, 0.45, -1.9, 1, 0));
        assertNull(failedAt(t, List.of()));
    }

    @Test
    void shouldRequireThreeMuonIdentifiedTracks() {
        List<FourVector> m = muons(SQRT_S, 0, 3.0, 0.5);
        List<Track> t = new ArrayList<>(nominal());
        t.set(0, track(m.get(0), 1, 0.001, 0.002, 0.1, 0));
        assertNull(failedAt(t, List.of()), "three muons are enough");
        t.set(1, track(m.get(1), -1, 0.001, 0.002, 0.1, 0));
        assertEquals(Stage.MUON_ID, failedAt(t, List.of()));
    }

    @Test
    void shouldRejectTotalPhotonEnergyAbovePointFourGeV() {
        Photon sideways = new Photon(0.25, 1.5, 2.0);
        assertNull(failedAt(nominal(), List.of(sideways)));
        assertEquals(Stage.PHOTON_ENERGY, failedAt(nominal(), List.of(sideways, new Photon(0.2, 1.0, -1.0))));
    }

    @Test
    void shouldRejectPhotonEnergyAboveTheIsrLineBelowTenPointFour() {
        double m = 10.35;
        double line = EventSelection.singleIsrPhotonEnergy(SQRT_S * SQRT_S, m);
        List<Track> t = tracks(muons(m, 0.3, 3.0, 0.5));
        // photons perpendicular to the 4mu system in the c.m. frame, so the angle cut stays quiet
        assertEquals(Stage.ISR, failedAt(t, List.of(photonFromCm(line * 1.2, Math.PI / 2, Math.PI / 2))));
        assertNull(failedAt(t, List.of(photonFromCm(line * 0.8, Math.PI / 2, Math.PI / 2))));
        // above 10.4 GeV the line does not apply
        List<Track> high = tracks(muons(10.45, 0.3, 3.0, 0.5));
        double highLine = EventSelection.singleIsrPhotonEnergy(SQRT_S * SQRT_S, 10.45);
        assertNull(failedAt(high, List.of(photonFromCm(highLine * 1.2, Math.PI / 2, Math.PI / 2))));
    }

    @Test
    void shouldRejectPhotonsBackToBackWithTheFourMuonsInTheCmFrame() {
        List<Track> t = tracks(muons(10.45, 0.5, 3.0, 0.5));
        // the 4mu system moves along +x in the c.m. frame: a photon along -x is at 180 degrees
        assertEquals(Stage.ANGLE, failedAt(t, List.of(photonFromCm(0.1, Math.PI / 2, Math.PI))));
        double theta150 = Math.toRadians(150);
        assertNull(failedAt(t, List.of(photonFromCm(0.1, Math.PI / 2, theta150))));
    }

    @Test
    void shouldVetoLowMassCandidatesWhenAnElectronIsIdentified() {
        List<FourVector> m = muons(SQRT_S, 0, 3.0, 0.5);
        List<Track> t = new ArrayList<>(nominal());
        t.set(3, track(m.get(3), -1, 0.001, 0.002, 0.9, 0.9));
        EventSelection.Outcome o = selection().apply(event(t, List.of()), BEAMS);
        assertNull(o.failedAt());
        assertTrue(o.candidates().size() < 4);
        for (Candidate c : o.candidates()) {
            assertTrue(c.massGeV() >= 1.0, "candidate at " + c.massGeV() + " GeV should be vetoed");
        }
        double[] masses = selection().apply(event(nominal(), List.of()), BEAMS).candidates().stream()
                .mapToDouble(Candidate::massGeV).filter(x -> x >= 1.0).toArray();
        assertEquals(masses.length, o.candidates().size(), "candidates above 1 GeV are kept");
    }

    @Test
    void cutFlowCountsEveryStageUpToTheFailingOne() {
        CutFlow flow = new CutFlow();
        flow.record(selection().apply(event(nominal(), List.of()), BEAMS));
        flow.record(selection().apply(event(nominal().subList(0, 3), List.of()), BEAMS));
        assertEquals(2, flow.passed(Stage.TRIGGER));
        assertEquals(1, flow.passed(Stage.NTRACKS));
        assertEquals(1, flow.failed(Stage.NTRACKS));
        assertEquals(1, flow.passed(Stage.KINFIT));
        assertEquals(0, flow.failed(Stage.CHARGE));
    }
}
