package org.fourmu.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.fourmu.avro.Candidate;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.Event;
import org.fourmu.avro.RunInfo;
import org.fourmu.physics.kinfit.FourConstraintFit;
import org.fourmu.physics.pid.ParticleIdentification;
import org.fourmu.physics.pid.PidPdfs;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.selection.SelectionParameters;
import org.fourmu.physics.trigger.TriggerEfficiencyMaps;
import org.fourmu.physics.trigger.TriggerEmulation;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.processors.DecodeEventProcessor;
import org.fourmu.topology.processors.MassSegments;
import org.fourmu.topology.processors.RunEventCounter;
import org.fourmu.topology.processors.RunsStoreUpdater;
import org.fourmu.topology.processors.SelectEventsProcessor;

/**
 * Builds the search topology: decode and validate -> count per run -> the per-event chain
 * (trigger, particle ID, selection, 4C fit, candidates) -> {@code fourmu.candidates} keyed by mass
 * segment; bad records to {@code fourmu.deadletter}; runs from {@code fourmu.runs} in a global
 * store. Every node and store has an explicit name (a constant here): store names are state.
 */
public final class SearchTopology {

    public static final String EVENTS_SOURCE = "events-source";
    public static final String DECODE = "decode-validate";
    public static final String COUNT_RUN_EVENTS = "count-run-events";
    public static final String SELECT = "select-events";
    public static final String CANDIDATES_SINK = "candidates-sink";
    public static final String DEAD_LETTER_SINK = "deadletter-sink";
    public static final String RUNS_SOURCE = "runs-source";
    public static final String RUNS_UPDATE = "runs-update";
    /** Accepted events per run, keyed "experiment/run". */
    public static final String RUN_EVENTS_STORE = "run-events";
    /** Global store of RunInfo, keyed "experiment/run". */
    public static final String RUNS_STORE = "runs";

    private SearchTopology() {
    }

    /** The serdes the topology needs; built from the registry in production, from a test registry in tests. */
    public record WireSerdes(Serde<Event> events, Serde<DeadLetter> deadLetters, Serde<Candidate> candidates,
                             Serde<RunInfo> runs) {
    }

    /** The analysis the topology runs: the per-event chain, the mass segmentation, the calibration's name. */
    public record Analysis(EventSelection selection, MassSegments segments, String calibrationId) {

        /**
         * The paper's selection with paper-based trigger maps; PID from the given PDFs (null: the
         * events must carry precomputed likelihoods).
         */
        public static Analysis paper(PidPdfs pidPdfs, String calibrationId) {
            EventSelection selection = new EventSelection(new TriggerEmulation(TriggerEfficiencyMaps.PAPER, 0),
                    new ParticleIdentification(pidPdfs, 0.5, 0.5), SelectionParameters.PAPER, FourConstraintFit.forMuons());
            return new Analysis(selection, MassSegments.DEFAULT, calibrationId);
        }
    }

    /** A pure function of its arguments: the same inputs give the same topology. */
    public static Topology build(Analysis analysis, WireSerdes serdes, SearchMetrics metrics) {
        Topology t = new Topology();
        t.addGlobalStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(RUNS_STORE), Serdes.String(),
                        serdes.runs()).withLoggingDisabled(),
                RUNS_SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), Topics.RUNS,
                RUNS_UPDATE, () -> new RunsStoreUpdater(RUNS_STORE, serdes.runs().deserializer(), metrics));

        t.addSource(EVENTS_SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), Topics.EVENTS);
        t.addProcessor(DECODE, () -> new DecodeEventProcessor(serdes.events().deserializer(), metrics,
                COUNT_RUN_EVENTS, DEAD_LETTER_SINK), EVENTS_SOURCE);
        t.addProcessor(COUNT_RUN_EVENTS, () -> new RunEventCounter(RUN_EVENTS_STORE), DECODE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RUN_EVENTS_STORE),
                Serdes.String(), Serdes.Long()), COUNT_RUN_EVENTS);
        t.addProcessor(SELECT, () -> new SelectEventsProcessor(analysis.selection(), metrics, analysis.segments(),
                RUNS_STORE, analysis.calibrationId(), CANDIDATES_SINK, DEAD_LETTER_SINK), COUNT_RUN_EVENTS);
        t.addSink(CANDIDATES_SINK, Topics.CANDIDATES, Serdes.Integer().serializer(), serdes.candidates().serializer(), SELECT);
        t.addSink(DEAD_LETTER_SINK, Topics.DEAD_LETTER, Serdes.ByteArray().serializer(),
                serdes.deadLetters().serializer(), DECODE, SELECT);
        return t;
    }
}
