package org.fourmu.simulation;

import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.kinfit.FourConstraintFit;
import org.fourmu.physics.pid.ParticleIdentification;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.SelectionParameters;
import org.fourmu.physics.trigger.TriggerEfficiencyMaps;
import org.fourmu.physics.trigger.TriggerEmulation;
import org.fourmu.simulation.calibration.PidCalibration;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.detector.SimulatedProcess;
import org.fourmu.simulation.generator.EventGenerator;

/**
 * The per-event chain as simulation runs it: a generator, the nominal fast detector, PID PDFs
 * derived from that detector, the paper's trigger maps and cuts, and the 4C fit, at nominal
 * beams. Stateless after construction and thread-safe.
 */
public final class SimulatedChain {

    /** Experiment number of simulated runs. */
    public static final int EXPERIMENT = 26;
    /** Gun tracks per particle type for the PID PDFs. */
    private static final int PID_GUN_TRACKS = 30_000;

    private final BeamConditions beams = BeamConditions.NOMINAL;
    private final FastDetector detector;
    private final ParticleIdentification pid;
    private final TriggerEmulation trigger;
    private final EventSelection selection;

    private SimulatedChain(FastDetector detector, ParticleIdentification pid, TriggerEmulation trigger) {
        this.detector = detector;
        this.pid = pid;
        this.trigger = trigger;
        this.selection = new EventSelection(trigger, pid, SelectionParameters.PAPER, FourConstraintFit.forMuons());
    }

    /** Nominal detector, PID PDFs from 30,000 gun tracks per type (seed 1), thresholds 0.5, paper trigger maps. */
    public static SimulatedChain nominal() {
        FastDetector detector = FastDetector.nominal();
        ParticleIdentification pid = new ParticleIdentification(PidCalibration.build(detector, PID_GUN_TRACKS, 1), 0.5, 0.5);
        return new SimulatedChain(detector, pid, new TriggerEmulation(TriggerEfficiencyMaps.PAPER, 0));
    }

    public BeamConditions beams() {
        return beams;
    }

    public FastDetector detector() {
        return detector;
    }

    public ParticleIdentification pid() {
        return pid;
    }

    public TriggerEmulation trigger() {
        return trigger;
    }

    public EventSelection selection() {
        return selection;
    }

    /** The generator followed by the detector; {@code run} keys the detector and trigger streams, so give each sample its own. */
    public SimulatedProcess process(EventGenerator generator, int run, long seed) {
        return new SimulatedProcess(generator, detector, EXPERIMENT, run, beams, seed);
    }

    /** Trigger, selection, 4C fit and candidates for one recorded event. */
    public EventSelection.Outcome select(RecordedEvent event) {
        return selection.apply(event, beams);
    }
}
