package org.fourmu.simulation.skim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.kinfit.FourConstraintFit;
import org.fourmu.physics.pid.ParticleIdentification;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.SelectionParameters;
import org.fourmu.physics.selection.Stage;
import org.fourmu.physics.trigger.TriggerEfficiencyMaps;
import org.fourmu.physics.trigger.TriggerEmulation;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.calibration.PidCalibration;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.detector.SimulatedProcess;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.generator.FourMuonProcess;
import org.fourmu.simulation.generator.Processes;
import org.fourmu.simulation.generator.UnweightedEventGenerator;
import org.fourmu.simulation.mix.MixProcesses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FourTrackSkimTest {

    private static final BeamConditions BEAMS = BeamConditions.NOMINAL;
    private static final FastDetector DETECTOR = FastDetector.nominal();
    private static final FourTrackSkim SKIM = FourTrackSkim.paper();
    /** Stages whose failure the skim must reproduce: the calibration- and beam-independent ones. */
    private static final Set<Stage> SKIMMED = EnumSet.of(Stage.NTRACKS, Stage.CHARGE, Stage.M4MU, Stage.IMPACT, Stage.PHOTON_ENERGY);

    private static EventSelection selection;
    private static EventGenerator fourMuons;

    @BeforeAll
    static void chain() {
        ParticleIdentification pid = new ParticleIdentification(PidCalibration.build(DETECTOR, 5000, 1), 0.5, 0.5);
        selection = new EventSelection(new TriggerEmulation(TriggerEfficiencyMaps.PAPER, 0), pid, SelectionParameters.PAPER,
            FourConstraintFit.forMuons());
        fourMuons = new UnweightedEventGenerator(new FourMuonProcess(),
            Processes.defaultSettings(FourMuonProcess.NAME, 5).withPresamples(5000));
    }

    /** Selected events as (event number, candidate masses): what the analysis takes from a sample. */
    private static List<String> selected(List<RecordedEvent> events) {
        List<String> out = new ArrayList<>();
        for (RecordedEvent e : events) {
            EventSelection.Outcome o = selection.apply(e, BEAMS);
            if (o.passed()) {
                StringBuilder s = new StringBuilder(Long.toString(e.eventNumber()));
                for (Candidate c : o.candidates()) {
                    s.append(' ').append(c.massGeV());
                }
                out.add(s.toString());
            }
        }
        return out;
    }

    @Test
    void skimmedAndUnskimmedSimulationSelectTheSameEvents() {
        SimulatedProcess simulated = new SimulatedProcess(fourMuons, DETECTOR, 26, 1, BEAMS, 11);
        int n = 400;
        List<RecordedEvent> all = simulated.range(0, n);
        List<RecordedEvent> skimmed = simulated.skimmedRange(0, n, SKIM, i -> i);
        List<String> fromAll = selected(all);
        assertTrue(fromAll.size() > 50, "a sample with selected events: " + fromAll.size());
        assertTrue(skimmed.size() < n, "the skim drops some four-muon events: " + skimmed.size());
        assertEquals(fromAll, selected(skimmed));
        // the skimmed events are the unskimmed ones that pass, unchanged
        List<Long> passing = all.stream().filter(SKIM::passes).map(RecordedEvent::eventNumber).toList();
        assertEquals(passing, skimmed.stream().map(RecordedEvent::eventNumber).toList());
    }

    /** Event numbers and every measured track helix: what two simulations must agree on to be the same events. */
    private static List<String> measured(List<RecordedEvent> events) {
        return events.stream().map(e -> e.eventNumber() + " " + e.tracks().stream()
            .map(t -> t.helix().d0() + "," + t.helix().phi0() + "," + t.helix().omega() + "," + t.helix().z0() + ","
                + t.helix().tanLambda()).toList()).toList();
    }

    /**
     * With oversampling K, event i is generator event i / K through the detector with event i's own streams, whatever
     * the chunking; K = 1 is the plain skimmed range.
     */
    @Test
    void oversampledEventsAreTheirGeneratorEventThroughTheirOwnDetectorStreams() {
        SimulatedProcess simulated = new SimulatedProcess(fourMuons, DETECTOR, 26, 1, BEAMS, 12);
        int k = 3;
        int n = 240;
        List<RecordedEvent> expected = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            RecordedEvent e = simulated.event(i / k, 5 * i + 1);
            if (SKIM.passes(e)) {
                expected.add(e);
            }
        }
        List<RecordedEvent> whole = simulated.skimmedRange(0, n, SKIM, i -> 5 * i + 1, k);
        List<RecordedEvent> split = new ArrayList<>(simulated.skimmedRange(0, 100, SKIM, i -> 5 * i + 1, k));
        split.addAll(simulated.skimmedRange(100, n - 100, SKIM, i -> 5 * i + 1, k));
        assertTrue(expected.size() > 40, "kept: " + expected.size());
        assertEquals(measured(expected), measured(whole));
        assertEquals(measured(expected), measured(split), "a generator event split between two chunks");
        // the K events of a generator event share its kinematics but not their detector response
        long sharedButDifferent = whole.stream().filter(e -> whole.stream().anyMatch(o -> o != e
            && (o.eventNumber() - 1) / 5 / k == (e.eventNumber() - 1) / 5 / k
            && !measured(List.of(o)).equals(measured(List.of(e))))).count();
        assertTrue(sharedButDifferent > 10, "events sharing a generator event, differently measured: " + sharedButDifferent);
        assertEquals(measured(simulated.skimmedRange(0, n, SKIM, i -> i)), measured(simulated.skimmedRange(0, n, SKIM, i -> i, 1)));
    }

    @Test
    void skimFailsExactlyTheEventsThatFailItsStagesOfTheSelection() {
        int failedBySkim = 0;
        int passedBoth = 0;
        for (String process : List.of("tautau", "qqbar", "bbbar")) {
            List<RecordedEvent> events = new SimulatedProcess(MixProcesses.generator(process, 3, 0.01, 3), DETECTOR, 26, 2, BEAMS, 3)
                .range(0, 3000);
            events = new ArrayList<>(events);
            events.addAll(new SimulatedProcess(fourMuons, DETECTOR, 26, 2, BEAMS, 3).range(0, 200));
            for (RecordedEvent e : events) {
                EventSelection.Outcome o = selection.apply(e, BEAMS);
                boolean skimPasses = SKIM.passes(e);
                if (o.passed()) {
                    assertTrue(skimPasses, "a selected event fails the skim: " + e.eventNumber());
                    passedBoth++;
                } else if (SKIMMED.contains(o.failedAt())) {
                    assertTrue(!skimPasses, process + ": failed " + o.failedAt() + " but passes the skim");
                    failedBySkim++;
                }
            }
        }
        assertTrue(passedBoth > 20 && failedBySkim > 1000, passedBoth + " selected, " + failedBySkim + " failed by the skim");
    }

    @Test
    void detectorNeverMakesMoreTracksThanMaxTracks() {
        int reached = 0;
        for (String process : List.of("tautau", "qqbar", "bbbar", "jpsipipi")) {
            EventGenerator g = MixProcesses.generator(process, 3, 0.01, 4);
            for (long i = 0; i < 2000; i++) {
                GeneratedEvent generated = g.generate(i);
                int bound = DETECTOR.maxTracks(generated);
                int tracks = DETECTOR.simulate(generated, 26, 3, i, BEAMS, 8).tracks().size();
                assertTrue(tracks <= bound, process + " event " + i + ": " + tracks + " tracks > " + bound);
                reached += tracks == bound && bound >= 4 ? 1 : 0;
            }
        }
        assertTrue(reached > 100, "the bound is reached: " + reached);
    }

    @Test
    void bhabhaEventsCanNeverPassBecauseTheyHaveTwoChargedParticlesAndNoPhoton() {
        EventGenerator bhabha = MixProcesses.generator("bhabha", 3, 0.01, 5);
        for (long i = 0; i < 20_000; i++) {
            GeneratedEvent e = bhabha.generate(i);
            assertTrue(DETECTOR.maxTracks(e) <= 2);
            assertTrue(!SKIM.canPass(e));
        }
    }
}
