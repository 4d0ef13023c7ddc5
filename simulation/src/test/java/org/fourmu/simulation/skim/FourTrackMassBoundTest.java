package org.fourmu.simulation.skim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.Track;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.simulation.GeneratedEvent;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.mix.MixProcesses;
import org.junit.jupiter.api.Test;

/**
 * {@link FastDetector#maxFourTrackMass} against the detector itself: no four of the tracks it makes, over many
 * detector seeds, are heavier than the bound; and the bound is tight enough to be of use (close to the mass
 * reached for four-muon events, below the M(4mu) window for most hadronic ones).
 */
class FourTrackMassBoundTest {

    private static final FastDetector DETECTOR = FastDetector.nominal();
    private static final double MU = PhysicalConstants.MUON_MASS_GEV;

    /** The heaviest four tracks of an event (muon hypothesis); 0 with fewer than four. */
    private static double heaviestFour(List<Track> tracks) {
        int n = tracks.size();
        double max = 0;
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                for (int c = b + 1; c < n; c++) {
                    for (int d = c + 1; d < n; d++) {
                        FourVector sum = tracks.get(a).momentum(MU).plus(tracks.get(b).momentum(MU))
                            .plus(tracks.get(c).momentum(MU)).plus(tracks.get(d).momentum(MU));
                        max = Math.max(max, sum.mass());
                    }
                }
            }
        }
        return max;
    }

    @Test
    void noFourTracksAreHeavierThanTheBound() {
        int withFour = 0;
        for (String process : List.of("tautau", "qqbar", "bbbar", "mumugamma", "mumumumu")) {
            EventGenerator g = MixProcesses.generator(process, 3, 0.01, 21);
            int events = process.equals("mumugamma") || process.equals("mumumumu") ? 300 : 2000;
            for (long i = 0; i < events; i++) {
                GeneratedEvent generated = g.generate(i);
                double bound = DETECTOR.maxFourTrackMass(generated, FourTrackSkim.SMEARING_SIGMAS);
                for (long seed = 0; seed < 4; seed++) {
                    RecordedEvent recorded = DETECTOR.simulate(generated, 26, 1, i, BeamConditions.NOMINAL, seed);
                    if (recorded.tracks().size() >= 4) {
                        withFour++;
                        double mass = heaviestFour(recorded.tracks());
                        assertTrue(mass <= bound, process + " event " + i + " seed " + seed + ": " + mass + " GeV > bound " + bound);
                    }
                }
            }
        }
        assertTrue(withFour > 5000, "events with four tracks: " + withFour);
    }

    @Test
    void boundIsCloseForFourMuonsAndRejectsMostHadronicEvents() {
        EventGenerator fourMuons = MixProcesses.generator("mumumumu", 3, 0.01, 22);
        int close = 0;
        for (long i = 0; i < 200; i++) {
            GeneratedEvent generated = fourMuons.generate(i);
            double bound = DETECTOR.maxFourTrackMass(generated, FourTrackSkim.SMEARING_SIGMAS);
            RecordedEvent recorded = DETECTOR.simulate(generated, 26, 1, i, BeamConditions.NOMINAL, 1);
            double mass = heaviestFour(recorded.tracks());
            close += recorded.tracks().size() == 4 && bound < 1.25 * mass ? 1 : 0;
        }
        assertTrue(close > 40, "four-muon events within 25% of their bound: " + close);
        for (String process : List.of("tautau", "qqbar", "bbbar")) {
            EventGenerator g = MixProcesses.generator(process, 3, 0.01, 23);
            int below = 0;
            int n = 5000;
            for (long i = 0; i < n; i++) {
                below += DETECTOR.maxFourTrackMass(g.generate(i), FourTrackSkim.SMEARING_SIGMAS) <= 10.0 ? 1 : 0;
            }
            System.out.printf("%s: %.4f of events below the M(4mu) window by the bound%n", process, (double) below / n);
            assertTrue(below > n / 2, process + ": bound below 10 GeV for " + below + " of " + n);
        }
    }
}
