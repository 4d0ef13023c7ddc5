package org.fourmu.simulation.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fourmu.physics.PhysicalConstants;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.fit.JpsiPeakFit;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.Stage;
import org.fourmu.physics.spectrum.Histogram;
import org.fourmu.simulation.SimulatedChain;
import org.fourmu.simulation.detector.SimulatedProcess;
import org.fourmu.simulation.mix.MixProcesses;
import org.junit.jupiter.api.Test;

/**
 * The J/psi monitor on simulated e+e- -> gamma_ISR psi(2S) -> gamma J/psi pi+ pi- events through the fast
 * detector: the events fail the four-track, charge or M(4mu) requirements (why the monitor uses muon pairs, not
 * candidates), and the
 * fitted peak of their muon pairs sits at the generated (PDG) J/psi mass, the detector having no momentum bias.
 */
class JpsiMonitorValidationTest {

    @Test
    void muonPairsOfJpsiPiPiEventsPeakAtThePdgMass() {
        SimulatedChain chain = SimulatedChain.nominal();
        SimulatedProcess jpsi = chain.process(MixProcesses.generator("jpsipipi", 0, 0, 5), 1, 5);
        Histogram h = JpsiPeakFit.histogram();
        int triggered = 0;
        int selected = 0;
        int failedEarly = 0;
        for (RecordedEvent e : jpsi.range(0, 3000)) {
            EventSelection.Outcome o = chain.select(e);
            if (o.failedAt() == Stage.TRIGGER) {
                continue;
            }
            triggered++;
            selected += o.passed() ? 1 : 0;
            Stage f = o.failedAt();
            failedEarly += f == Stage.NTRACKS || f == Stage.CHARGE || f == Stage.M4MU ? 1 : 0;
            for (double m : o.muonPairMassesGeV()) {
                h.fill(m);
            }
        }
        assertTrue(triggered > 300, "triggered: " + triggered);
        assertEquals(0, selected, "J/psi pi pi events never give candidates");
        assertEquals(triggered, failedEarly, "all fail the four tracks, their charge or M(4mu)");
        JpsiPeakFit.Result r = JpsiPeakFit.fit(h);
        assertTrue(r.converged(), r.toString());
        assertTrue(r.yield() > 200, "J/psi pairs: " + r.yield());
        assertEquals(PhysicalConstants.JPSI_MASS_GEV, r.massGeV(), 3 * r.massErrorGeV(), r.toString());
        // the dimuon resolution at 3.1 GeV: a few MeV to 20 MeV (Belle II: about 10 MeV for the J/psi)
        assertTrue(r.widthGeV() > 0.002 && r.widthGeV() < 0.025, r.toString());
    }
}
