package org.fourmu.simulation.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.kinematics.FourVector;
import org.fourmu.physics.random.RandomStreams;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.Stage;
import org.fourmu.physics.trigger.TriggerEmulation;
import org.junit.jupiter.api.Test;

/** The efficiency and the window of a mass point on hand-made events. */
class SignalMassPointTest {

    static final double MASS = 2.0;
    static final double TRUE_MR = CandidateBuilder.reducedMass(MASS);
    static final double SIGMA = 0.004;

    static Candidate candidate(double reduced, int pair) {
        FourVector p = new FourVector(1, 0, 0, 0.5);
        return new Candidate(pair, p, p, p, p, CandidateBuilder.massFromReduced(reduced), reduced, MASS, 4.0, new double[16]);
    }

    /** n events: a fraction {@code selected} pass with one Gaussian X candidate, trigger efficiency {@code trig}. */
    static List<SignalChain.Event> events(int n, double selected, double trig, long seed) {
        UniformRandomProvider rng = RandomStreams.forKeys(seed);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        TriggerEmulation.Decision d = new TriggerEmulation.Decision(true, trig, trig, 0, false, true);
        List<SignalChain.Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < selected) {
                Candidate c = candidate(TRUE_MR + SIGMA * g.sample(), i % 4);
                EventSelection.Outcome o = new EventSelection.Outcome(null, trig, d, null, List.of(c), 10.5);
                out.add(new SignalChain.Event(o, o, trig, Optional.of(c), 1.0));
            } else {
                EventSelection.Outcome o = new EventSelection.Outcome(Stage.MUON_ID, trig, d, null, List.of(), 10.5);
                out.add(new SignalChain.Event(o, o, trig, Optional.empty(), 1.0));
            }
        }
        return out;
    }

    @Test
    void efficiencyIsSelectedTimesTriggerWithTheBinomialError() {
        List<SignalChain.Event> ev = events(5000, 0.6, 0.9, 1);
        long selected = ev.stream().filter(e -> e.triggerForced().passed()).count();
        SignalMassPoint p = SignalMassPoint.of("zprime", MASS, ev, c -> true);
        // a Gaussian X candidate lies inside +-30 widths: every selected event counts, weighted by the trigger
        assertEquals(0.9 * selected / 5000.0, p.efficiency(), 1e-12);
        double f = (double) selected / 5000;
        // Var of the mean of w = 0.9 x Bernoulli(f): 0.81 f (1 - f) / N
        assertEquals(Math.sqrt(0.81 * f * (1 - f) / 5000), p.efficiencyError(), 1e-9);
        assertEquals(0.9, p.triggerEfficiency(), 1e-12);
        assertEquals(f, p.selectionEfficiency(), 1e-12);
        assertEquals(SIGMA, p.robustWidthGeV(), 0.05 * SIGMA);
        assertEquals(SIGMA, p.fit().effectiveSigma(), 0.05 * SIGMA);
        assertEquals(0, p.meanShiftGeV(), 3 * SIGMA / Math.sqrt(selected));
    }

    @Test
    void theCandidateFilterAndTheWindowRemoveCandidates() {
        List<SignalChain.Event> ev = events(2000, 0.5, 1.0, 2);
        SignalMassPoint all = SignalMassPoint.of("zprime", MASS, ev, c -> true);
        SignalMassPoint half = SignalMassPoint.of("zprime", MASS, ev, c -> c.pairIndex() % 2 == 0);
        // even pair indices are half of ~1000 selected events: binomial spread 1.6%
        assertEquals(all.efficiency() / 2, half.efficiency(), 0.05 * all.efficiency());
        // a candidate 40 widths away is outside the fit window and does not count
        List<SignalChain.Event> withOutlier = new ArrayList<>(ev);
        Candidate far = candidate(TRUE_MR + 40 * SIGMA, 0);
        EventSelection.Outcome o = new EventSelection.Outcome(null, 1, ev.get(0).emulated().trigger(), null, List.of(far), 10.5);
        withOutlier.add(new SignalChain.Event(o, o, 1.0, Optional.of(far), 1.0));
        SignalMassPoint p = SignalMassPoint.of("zprime", MASS, withOutlier, c -> true);
        assertEquals(all.efficiency() * 2000 / 2001, p.efficiency(), 1e-12);
    }
}
