package org.fourmu.topology.processors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.RunState;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.aggregation.LongArraySerde;
import org.fourmu.topology.events.TestEvents;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.serde.RegistryAvroSerde;
import org.junit.jupiter.api.Test;

/**
 * The selection keeps each run's decoded beam conditions until the global runs store is updated: a run that
 * arrives after its first events, and a run whose conditions are corrected, are seen by the next event.
 */
class RunBeamsTest {

    @Test
    void beamsFollowEveryUpdateOfTheRunsStore() throws Exception {
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0)) {
            RegistryAvroSerde<RunInfo> runSerde = RegistryAvroSerde.forValues(RunInfo.class, new SchemaRegistryClient(registry.url()));
            SearchMetrics metrics = new SearchMetrics(new SimpleMeterRegistry());
            MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
            KeyValueStore<String, RunInfo> runs = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("runs"),
                    Serdes.String(), runSerde).withLoggingDisabled().build();
            KeyValueStore<String, long[]> cutFlow = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("cut-flow"),
                    Serdes.String(), LongArraySerde.serde()).withLoggingDisabled().build();
            runs.init(context.getStateStoreContext(), runs);
            cutFlow.init(context.getStateStoreContext(), cutFlow);
            context.addStateStore(runs);
            context.addStateStore(cutFlow);
            KeyValueStore<String, long[]> jpsi = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("jpsi-histograms"),
                    Serdes.String(), LongArraySerde.serde()).withLoggingDisabled().build();
            jpsi.init(context.getStateStoreContext(), jpsi);
            context.addStateStore(jpsi);

            RunsStoreVersion version = new RunsStoreVersion();
            SearchTopology.Analysis analysis = SearchTopology.Analysis.paper(null, "test");
            SelectEventsProcessor select = new SelectEventsProcessor(analysis.selection(), null, metrics, analysis.segments(),
                    "runs", version, "cut-flow", "jpsi-histograms", "test", "candidates", "deadletter", "jpsi-partials");
            select.init(context);
            MockProcessorContext<Void, Void> globalContext = new MockProcessorContext<>();
            globalContext.addStateStore(runs);
            RunsStoreUpdater updater = new RunsStoreUpdater("runs", runSerde, metrics, version);
            updater.init(globalContext);

            RecordedEvent first = TestEvents.fourMuons(7, 1);
            RecordedEvent other = TestEvents.fourMuons(8, 1);
            assertEquals(BeamConditions.NOMINAL, select.beams(first));
            assertEquals(BeamConditions.NOMINAL, select.beams(first));
            assertEquals(2.0, metrics.unknownRunCount(), "each event of an unknown run is counted");

            updater.process(new Record<>(null, runSerde.serialize("fourmu.runs", run(7, 7.1, 4.1)), 0L));
            assertEquals(new BeamConditions(7.1, 4.1, 0.0415, 0.0415), select.beams(first), "the run arrived after its first events");
            assertEquals(BeamConditions.NOMINAL, select.beams(other));

            updater.process(new Record<>(null, runSerde.serialize("fourmu.runs", run(7, 7.0, 4.0)), 0L));
            assertEquals(new BeamConditions(7.0, 4.0, 0.0415, 0.0415), select.beams(first), "a corrected run");
            updater.process(new Record<>(null, runSerde.serialize("fourmu.runs", run(8, 6.9, 3.9)), 0L));
            assertEquals(new BeamConditions(6.9, 3.9, 0.0415, 0.0415), select.beams(other));
            assertEquals(new BeamConditions(7.0, 4.0, 0.0415, 0.0415), select.beams(first));
            assertEquals(3.0, metrics.unknownRunCount());
        }
    }

    private static RunInfo run(int run, double her, double ler) {
        return RunInfo.newBuilder().setExperiment(26).setRun(run).setState(RunState.RUNNING).setIntegratedLuminosity(1.0)
                .setHerEnergy(her).setLerEnergy(ler).setStartMillis(0L).build();
    }
}
