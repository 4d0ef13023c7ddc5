package org.fourmu.topology.processors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.avro.Candidate;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.RunInfo;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.mlp.MlpSelection;
import org.fourmu.physics.spectrum.CandidateSpectra;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.topology.aggregation.CutFlowStore;
import org.fourmu.topology.aggregation.JpsiHistogramStore;
import org.fourmu.topology.aggregation.JpsiPartial;
import org.fourmu.topology.metrics.SearchMetrics;

/**
 * Applies the per-event chain (trigger, particle ID, selection, 4C fit, candidates) to each event
 * with the beam conditions of its run, counts the cut-flow (in metrics, and per run in a store), and
 * forwards each candidate keyed by its mass segment. A failure inside the physics goes to the dead-letter topic; the stream goes on.
 */
public final class SelectEventsProcessor implements Processor<Object, RecordedEvent, Object, Object> {

    /**
     * How often the task publishes the partial J/psi histograms of the runs that changed (each is then summed with
     * the other tasks' and refitted: a fit takes about a millisecond).
     */
    public static final Duration JPSI_PUBLISH_INTERVAL = Duration.ofSeconds(10);

    private final EventSelection selection;
    /** The MLPs and their mass-dependent cut; null: no MLP cut (candidates pass unscored). */
    private final MlpSelection mlp;
    private final SearchMetrics metrics;
    private final MassSegments segments;
    private final String runsStore;
    private final String cutFlowStore;
    private final String jpsiStore;
    private final String jpsiChild;
    private final String calibrationId;
    private final String candidatesChild;
    private final String deadLetterChild;
    private final RunsStoreVersion runsVersion;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, RunInfo> runs;
    private CutFlowStore cutFlow;
    private JpsiHistogramStore jpsi;
    /** Beam conditions decoded from the runs store (null: the run is not known), valid while its version is {@link #beamsVersion}. */
    private final Map<Long, BeamConditions> beamsByRun = new HashMap<>();
    private long beamsVersion = -1;

    public SelectEventsProcessor(EventSelection selection, MlpSelection mlp, SearchMetrics metrics, MassSegments segments,
                                 String runsStore, RunsStoreVersion runsVersion, String cutFlowStore, String jpsiStore,
                                 String calibrationId, String candidatesChild, String deadLetterChild, String jpsiChild) {
        this.selection = selection;
        this.mlp = mlp;
        this.metrics = metrics;
        this.segments = segments;
        this.runsStore = runsStore;
        this.runsVersion = runsVersion;
        this.cutFlowStore = cutFlowStore;
        this.jpsiStore = jpsiStore;
        this.jpsiChild = jpsiChild;
        this.calibrationId = calibrationId;
        this.candidatesChild = candidatesChild;
        this.deadLetterChild = deadLetterChild;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.runs = context.getStateStore(runsStore);
        KeyValueStore<String, long[]> cutFlowCounts = context.getStateStore(cutFlowStore);
        this.cutFlow = new CutFlowStore(cutFlowCounts);
        this.jpsi = new JpsiHistogramStore(context.getStateStore(jpsiStore), cutFlowCounts);
        int partition = context.taskId().partition();
        context.schedule(JPSI_PUBLISH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> {
            for (JpsiPartial p : jpsi.takeChanged(partition)) {
                context.forward(new Record<>(p.key(), p.toArray(), now), jpsiChild);
            }
        });
    }

    /**
     * Beam conditions of the event's run from fourmu.runs; nominal when the run is not known (yet). Decoded once per
     * run and update of the runs store: decoding the run's record for every event was 6-8% of the stream thread.
     */
    BeamConditions beams(RecordedEvent e) {
        long version = runsVersion.current();
        if (version != beamsVersion) {
            beamsByRun.clear();
            beamsVersion = version;
        }
        Long run = ((long) e.experiment() << Integer.SIZE) | Integer.toUnsignedLong(e.run());
        BeamConditions beams = beamsByRun.get(run);
        if (beams == null && !beamsByRun.containsKey(run)) {
            RunInfo info = runs.get(RunsStoreUpdater.key(e.experiment(), e.run()));
            beams = info == null ? null
                    : new BeamConditions(info.getHerEnergy(), info.getLerEnergy(), info.getHerAngle(), info.getLerAngle());
            beamsByRun.put(run, beams);
        }
        if (beams == null) {
            metrics.unknownRun();
            return BeamConditions.NOMINAL;
        }
        return beams;
    }

    @Override
    public void process(Record<Object, RecordedEvent> record) {
        RecordedEvent e = record.value();
        EventSelection.Outcome outcome;
        try {
            outcome = selection.apply(e, beams(e));
        } catch (RuntimeException ex) {
            metrics.deadLetter(DeadLetterReason.OTHER);
            cutFlow.countChainFailure(e.experiment(), e.run());
            context.forward(new Record<>(record.key(), DeadLetter.newBuilder().setSourceTopic("").setPartition(-1)
                    .setOffset(-1).setReason(DeadLetterReason.OTHER)
                    .setMessage("event " + e.experiment() + "/" + e.run() + "/" + e.eventNumber()
                            + " failed in the selection: " + ex)
                    .setTimestampMillis(record.timestamp()).build(), record.timestamp()), deadLetterChild);
            return;
        }
        metrics.cutFlow(outcome);
        if (outcome.failedAt() != org.fourmu.physics.selection.Stage.TRIGGER) {
            // the J/psi monitor: muon pairs of every triggered event (its J/psi events fail M(4mu))
            jpsi.fill(e.experiment(), e.run(), outcome.muonPairMassesGeV());
        }
        cutFlow.count(e.experiment(), e.run(), outcome);
        if (!outcome.candidates().isEmpty()) {
            jpsi.candidatesChanged(e.experiment(), e.run());
        }
        List<Candidate> out = new ArrayList<>(outcome.candidates().size());
        for (org.fourmu.physics.candidates.Candidate c : outcome.candidates()) {
            // the histograms it fills: its own range's if it passes that MLP's cut at its mass and, near a range
            // boundary, the neighbour's if it passes that one's (paper Sec. V)
            List<MlpRange> ranges = CandidateSpectra.rangesFilled(c, mlp, segments.reachGeV());
            if (mlp != null) {
                // dropped candidates are counted by their own range
                metrics.mlpOutcome(c.mlpRange().number(), ranges.contains(c.mlpRange()));
            }
            if (ranges.isEmpty()) {
                continue;
            }
            List<Double> features = new ArrayList<>(c.features().length);
            for (double f : c.features()) {
                features.add(f);
            }
            Candidate.Builder candidate = Candidate.newBuilder()
                    .setExperiment(e.experiment()).setRun(e.run()).setEventNumber(e.eventNumber())
                    .setPairIndex(c.pairIndex()).setMass(c.massGeV()).setReducedMass(c.reducedMassGeV())
                    .setMassBeforeFit(c.massBeforeFitGeV()).setFitChi2(outcome.fit().chi2())
                    .setFeatures(features).setSegment(segments.of(c.massGeV()))
                    .setWeight(outcome.weight()).setCalibrationId(calibrationId);
            for (MlpRange range : ranges) {
                candidate.setMlpRange(range.number()).setMlpScore(mlp == null ? Double.NaN : mlp.score(c, range));
                // one record per segment whose fit windows reach this mass
                for (int segment : segments.segmentsNeeding(c.massGeV())) {
                    out.add(candidate.setSegment(segment).build());
                }
            }
        }
        for (Candidate c : out) {
            context.forward(new Record<>(c.getSegment(), c, record.timestamp()), candidatesChild);
        }
        metrics.eventLatency(Duration.ofMillis(System.currentTimeMillis() - record.timestamp()));
    }
}
