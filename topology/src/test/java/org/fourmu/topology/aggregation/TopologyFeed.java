package org.fourmu.topology.aggregation;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.avro.Candidate;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.Event;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.ScanSegment;
import org.fourmu.physics.candidates.CandidateBuilder;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.topology.SearchTopology;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.topology.Topics;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.processors.MassSegments;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.serde.RegistryAvroSerde;

/** The whole topology in a {@link TopologyTestDriver}, fed with events, or with candidates directly on {@code fourmu.candidates}. */
public final class TopologyFeed implements AutoCloseable {

    /** A candidate of mass {@code massGeV} arriving at record time {@code timeMillis}. */
    public record Entry(double massGeV, long timeMillis, int run) {
    }

    private final SchemaRegistryServer registry;
    public final TopologyTestDriver driver;
    private final TestInputTopic<Integer, Candidate> candidates;
    private final TestInputTopic<byte[], byte[]> events;
    private final RegistryAvroSerde<Event> eventSerde;
    final SearchMetrics metrics = new SearchMetrics(new SimpleMeterRegistry());

    public TopologyFeed(SpectrumWindow window) {
        registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
        RegistryAvroSerde<Candidate> candidateSerde = RegistryAvroSerde.forValues(Candidate.class, client);
        eventSerde = RegistryAvroSerde.forValues(Event.class, client);
        SearchTopology.WireSerdes serdes = new SearchTopology.WireSerdes(eventSerde,
                RegistryAvroSerde.forValues(DeadLetter.class, client), candidateSerde,
                RegistryAvroSerde.forValues(RunInfo.class, client), RegistryAvroSerde.forValues(ScanSegment.class, client),
                RegistryAvroSerde.forValues(LimitCurve.class, client),
                RegistryAvroSerde.forValues(org.fourmu.avro.JpsiRunFit.class, client));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "window-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(SearchTopology.build(SearchTopology.Analysis.paper(null, "test"), serdes,
                metrics, window), props);
        candidates = driver.createInputTopic(Topics.CANDIDATES, Serdes.Integer().serializer(), candidateSerde,
                Instant.EPOCH, Duration.ZERO);
        events = driver.createInputTopic(Topics.EVENTS, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    }

    void sendEvent(RecordedEvent e) {
        events.pipeInput(("e" + e.eventNumber()).getBytes(), eventSerde.serialize(Topics.EVENTS, EventMapper.toAvro(e)));
    }

    /** Send each entry, as the selection would, to every segment whose histogram needs it. */
    public void send(List<Entry> entries) {
        for (Entry e : entries) {
            for (int segment : MassSegments.DEFAULT.segmentsNeeding(e.massGeV())) {
                Candidate c = Candidate.newBuilder().setExperiment(26).setRun(e.run()).setEventNumber(0).setPairIndex(0)
                        .setMass(e.massGeV()).setReducedMass(CandidateBuilder.reducedMass(e.massGeV()))
                        .setMassBeforeFit(e.massGeV()).setFitChi2(1).setMlpRange(MlpRange.of(e.massGeV()).number())
                        .setMlpScore(Double.NaN).setFeatures(Collections.nCopies(16, 0.0)).setSegment(segment)
                        .setCalibrationId("test").build();
                candidates.pipeInput(segment, c, e.timeMillis());
            }
        }
    }

    public SpectrumStore spectra() {
        KeyValueStore<Bytes, Long> store = driver.getKeyValueStore(SearchTopology.SPECTRA_STORE);
        return SpectrumStore.readOnly(store);
    }

    KeyValueStore<Bytes, Long> rawSpectra() {
        return driver.getKeyValueStore(SearchTopology.SPECTRA_STORE);
    }

    public SegmentState segment(int segment) {
        KeyValueStore<Integer, long[]> store = driver.getKeyValueStore(SearchTopology.SEGMENTS_STORE);
        return SegmentState.of(store.get(segment));
    }

    @Override
    public void close() {
        driver.close();
        registry.close();
    }
}
