package org.fourmu.simulation.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.McTruth;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.event.TriggerBits;
import org.fourmu.physics.kinfit.FourConstraintFit;
import org.fourmu.physics.pid.ParticleIdentification;
import org.fourmu.physics.pid.PidPdfs;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.SelectionParameters;
import org.fourmu.physics.trigger.TriggerEfficiencyMaps;
import org.fourmu.physics.trigger.TriggerEmulation;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.detector.SimulatedProcess;
import org.fourmu.simulation.generator.EventGenerator;
import org.fourmu.simulation.generator.Processes;
import org.fourmu.simulation.generator.UnweightedEventGenerator;

/**
 * Simulated signal (generator, ISR, fast detector) through the per-event chain: for each event
 * the outcome with the emulated trigger, the outcome with the trigger forced to fire (so the
 * other cuts are judged alone), the emulated trigger efficiency, and the X candidate.
 *
 * <p>The X candidate is the selected candidate whose reduced mass is nearest the generated one:
 * the signal amplitude is antisymmetrised over the four muons, so "which pair came from the X" has
 * no generator-level answer, and a wrong pairing rarely lands nearer the true mass than the right
 * one (the combinatorial candidates spread over GeV, the peak is MeV wide).
 */
public final class SignalChain {

    /** Experiment number stamped on simulated calibration events. */
    public static final int EXPERIMENT = 26;
    /** The coupling of the simulated signal: narrow width (Gamma/M below 1e-5). */
    public static final double SIGNAL_COUPLING = 0.01;
    /** Likelihood-ratio thresholds of the muon and electron identification. */
    public static final double MUON_ID_THRESHOLD = 0.5;
    public static final double ELECTRON_ID_THRESHOLD = 0.5;

    private final FastDetector detector;
    private final BeamConditions beams;
    private final EventSelection selection;

    public SignalChain(FastDetector detector, PidPdfs pdfs, TriggerEfficiencyMaps maps, BeamConditions beams) {
        this.detector = detector;
        this.beams = beams;
        ParticleIdentification pid = new ParticleIdentification(pdfs, MUON_ID_THRESHOLD, ELECTRON_ID_THRESHOLD);
        this.selection = new EventSelection(new TriggerEmulation(maps, 0), pid, SelectionParameters.PAPER,
                FourConstraintFit.forMuons());
    }

    /**
     * One simulated signal event.
     *
     * @param emulated          the outcome with the emulated trigger decision
     * @param triggerForced     the outcome with the trigger bits set to "fired"
     * @param triggerEfficiency the emulated trigger efficiency of the event
     * @param xCandidate        the candidate nearest the generated reduced mass, when the forced outcome passed
     * @param generatorWeight   the unweighted generator's event weight (above 1 only for the rare event whose
     *                          weight exceeded the presampled maximum)
     */
    public record Event(EventSelection.Outcome emulated, EventSelection.Outcome triggerForced, double triggerEfficiency,
                        Optional<Candidate> xCandidate, double generatorWeight) {
    }

    public EventSelection selection() {
        return selection;
    }

    /** Events 0 .. count-1 of a model at a mass; deterministic for the seed (generator and detector). */
    public List<Event> run(String model, double massGeV, int count, long seed) {
        return run(model, massGeV, count, seed, Processes.defaultSettings(model, seed).presamples());
    }

    /** The same with {@code presamples} weighted points to find the generator's maximum weight. */
    public List<Event> run(String model, double massGeV, int count, long seed, int presamples) {
        EventGenerator generator = new UnweightedEventGenerator(Processes.hardProcess(model, massGeV, SIGNAL_COUPLING),
                Processes.defaultSettings(model, seed).withPresamples(presamples));
        SimulatedProcess process = new SimulatedProcess(generator, detector, EXPERIMENT, 1, beams, seed);
        double trueReduced = CandidateBuilder.reducedMass(massGeV);
        List<Event> out = new ArrayList<>(count);
        for (RecordedEvent e : process.range(0, count)) {
            EventSelection.Outcome emulated = selection.apply(e, beams);
            EventSelection.Outcome forced = selection.apply(triggered(e), beams);
            out.add(new Event(emulated, forced, emulated.trigger().efficiency(),
                    Optional.ofNullable(xCandidate(forced.candidates(), trueReduced)), e.mcTruth().map(McTruth::weight).orElse(1.0)));
        }
        return out;
    }

    /** The X candidate: the one whose reduced mass is nearest the generated one (null if there is none). */
    public static Candidate xCandidate(List<Candidate> candidates, double trueReducedGeV) {
        Candidate best = null;
        for (Candidate c : candidates) {
            if (best == null || Math.abs(c.reducedMassGeV() - trueReducedGeV) < Math.abs(best.reducedMassGeV() - trueReducedGeV)) {
                best = c;
            }
        }
        return best;
    }

    /** An event with its trigger bits set to "fired". */
    static RecordedEvent triggered(RecordedEvent e) {
        return new RecordedEvent(e.experiment(), e.run(), e.eventNumber(), e.timeMillis(), e.tracks(), e.photons(),
                Optional.of(new TriggerBits(true, true, true)), e.mcTruth());
    }
}
