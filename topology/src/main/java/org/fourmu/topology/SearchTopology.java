package org.fourmu.topology;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.Event;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.processors.DecodeEventProcessor;
import org.fourmu.topology.processors.RunEventCounter;

/**
 * Builds the search topology. Every node and store has an explicit name (a constant here): store
 * names are state, and generated names would shift when the topology changes.
 */
public final class SearchTopology {

    public static final String EVENTS_SOURCE = "events-source";
    public static final String DECODE = "decode-validate";
    public static final String COUNT_RUN_EVENTS = "count-run-events";
    public static final String DEAD_LETTER_SINK = "deadletter-sink";
    /** Accepted events per run, keyed "experiment/run". */
    public static final String RUN_EVENTS_STORE = "run-events";

    private SearchTopology() {
    }

    /** The serdes the topology needs; built from the registry in production, from a test registry in tests. */
    public record WireSerdes(Serde<Event> events, Serde<DeadLetter> deadLetters) {
    }

    /** A pure function of its arguments: the same inputs give the same topology. */
    public static Topology build(WireSerdes serdes, SearchMetrics metrics) {
        Topology t = new Topology();
        t.addSource(EVENTS_SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), Topics.EVENTS);
        t.addProcessor(DECODE, () -> new DecodeEventProcessor(serdes.events().deserializer(), metrics,
                COUNT_RUN_EVENTS, DEAD_LETTER_SINK), EVENTS_SOURCE);
        t.addProcessor(COUNT_RUN_EVENTS, () -> new RunEventCounter(RUN_EVENTS_STORE), DECODE);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(RUN_EVENTS_STORE),
                Serdes.String(), Serdes.Long()), COUNT_RUN_EVENTS);
        t.addSink(DEAD_LETTER_SINK, Topics.DEAD_LETTER, Serdes.ByteArray().serializer(),
                serdes.deadLetters().serializer(), DECODE);
        return t;
    }
}
