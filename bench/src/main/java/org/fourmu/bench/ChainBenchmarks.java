package org.fourmu.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.fourmu.avro.Event;
import org.fourmu.physics.calibration.CalibrationBundleFormat;
import org.fourmu.physics.candidates.Candidate;
import org.fourmu.physics.candidates.MlpRange;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.physics.selection.EventSelection;
import org.fourmu.physics.spectrum.CandidateSpectra;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.detector.SimulatedProcess;
import org.fourmu.simulation.generator.Processes;
import org.apache.kafka.common.serialization.Serde;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.registry.InMemorySchemaStore;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.events.EventBinaryReader;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.events.EventValidation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-event work of the stream thread without Kafka, on simulated events with the shipped calibration's
 * analysis ({@link SearchTopology.Analysis#fromBundle}): Avro decoding of the wire body, the event validation,
 * the mapping to the physics event, the selection (trigger, PID, selection, 4C fit, candidates), the MLP ranges
 * each candidate fills; and MLP scoring per candidate. Scores are per event (per candidate for
 * {@code mlpScoring}: 2000 candidates of selected four-muon events). Run from the repository root (the
 * bundle is read from {@code app/src/main/resources}). The thread's CPU time per invocation (of 2000 events or
 * candidates) is counted as in {@link ScanBenchmarks.Cpu}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.fourmu.avro",
        "-Dorg.apache.avro.limits.collectionItems.maxLength=100000"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChainBenchmarks {

    /** The shipped calibration bundle, relative to the repository root. */
    static final Path BUNDLE = Path.of("app/src/main/resources/calibration/default.json");
    static final BeamConditions BEAMS = BeamConditions.NOMINAL;
    /** Events per sample (and candidates scored per invocation): scores are per event or candidate. */
    static final int EVENTS = 2000;

    /**
     * Simulated events of one process through the fast detector, and their Avro wire bodies: mumumumu (the
     * four-muon background; most events reach the 4C fit) or mumugamma (99.6% of the demo's and the throughput
     * harness's events; nearly all stop at the trigger or the four-track requirement).
     */
    @State(Scope.Benchmark)
    public static class Sample {
        @Param({"mumumumu", "mumugamma"})
        public String process;
        SearchTopology.Analysis analysis;
        List<RecordedEvent> recorded;
        Event[] avro;
        byte[][] bodies;
        /** The topology's reader of events written with Event's own schema. */
        DatumReader<Event> reader;
        /** Avro's generic reader, what the topology used before EventBinaryReader (boxes the covariance arrays). */
        DatumReader<Event> avroReader;
        /** The topology's event serde on an in-process registry, and the whole wire records (header and body). */
        SchemaRegistryServer registry;
        Serde<Event> events;
        byte[][] wire;

        @Setup
        public void simulate() throws IOException {
            analysis = SearchTopology.Analysis.fromBundle(CalibrationBundleFormat.read(BUNDLE));
            SimulatedProcess source = new SimulatedProcess(Processes.generator(process, 0, 0, 7), FastDetector.nominal(),
                    26, 1, BEAMS, 7);
            recorded = source.range(0, EVENTS);
            avro = new Event[EVENTS];
            bodies = new byte[EVENTS][];
            SpecificDatumWriter<Event> writer = new SpecificDatumWriter<>(Event.class);
            for (int i = 0; i < EVENTS; i++) {
                avro[i] = EventMapper.toAvro(recorded.get(i));
                ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
                BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
                writer.write(avro[i], encoder);
                encoder.flush();
                bodies[i] = out.toByteArray();
            }
            reader = new EventBinaryReader();
            avroReader = new SpecificDatumReader<>(Event.class);
            registry = SchemaRegistryServer.start(new InMemorySchemaStore(), "127.0.0.1", 0);
            events = SearchTopology.WireSerdes.of(new SchemaRegistryClient(registry.url())).events();
            wire = new byte[EVENTS][];
            for (int i = 0; i < EVENTS; i++) {
                wire[i] = events.serializer().serialize(Topics.EVENTS, avro[i]);
            }
        }

        @TearDown
        public void stopRegistry() {
            registry.close();
        }

        Event decode(int i) {
            return decode(reader, i);
        }

        Event decode(DatumReader<Event> with, int i) {
            try {
                BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bodies[i], null);
                return with.read(null, decoder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The candidates of the four-muon sample's selected events, for MLP scoring. */
    @State(Scope.Benchmark)
    public static class Candidates {
        List<Candidate> candidates;
        SearchTopology.Analysis analysis;

        @Setup
        public void select() throws IOException {
            analysis = SearchTopology.Analysis.fromBundle(CalibrationBundleFormat.read(BUNDLE));
            SimulatedProcess source = new SimulatedProcess(Processes.generator("mumumumu", 0, 0, 7), FastDetector.nominal(),
                    26, 1, BEAMS, 7);
            List<Candidate> selected = new ArrayList<>();
            for (RecordedEvent e : source.range(0, EVENTS)) {
                selected.addAll(analysis.selection().apply(e, BEAMS).candidates());
            }
            candidates = new ArrayList<>(EVENTS);
            for (int i = 0; i < EVENTS; i++) {
                candidates.add(selected.get(i % selected.size()));
            }
        }
    }

    /** Avro binary decoding of an event's wire body (as the registry serde does after its 5-byte header). */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void decode(Sample s, ScanBenchmarks.Cpu cpu, Blackhole bh) {
        for (int i = 0; i < EVENTS; i++) {
            bh.consume(s.decode(i));
        }
    }

    /**
     * The whole wire records through the topology's registry serde: the 5-byte header, the writer schema's reader
     * (looked up by id), a reused decoder and {@code decode}'s reading; the difference to {@code decode} is the serde's own cost.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void deserialize(Sample s, ScanBenchmarks.Cpu cpu, Blackhole bh) {
        for (int i = 0; i < EVENTS; i++) {
            bh.consume(s.events.deserializer().deserialize(Topics.EVENTS, s.wire[i]));
        }
    }

    /** The same bodies through Avro's generic reader: the decoding before EventBinaryReader. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void decodeAvroGeneric(Sample s, ScanBenchmarks.Cpu cpu, Blackhole bh) {
        for (int i = 0; i < EVENTS; i++) {
            bh.consume(s.decode(s.avroReader, i));
        }
    }

    /** The dead-letter checks of a decoded event (one helix covariance positivity test per track). */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void validate(Sample s, ScanBenchmarks.Cpu cpu, Blackhole bh) {
        for (Event e : s.avro) {
            bh.consume(EventValidation.problem(e));
        }
    }

    /** Trigger, PID, selection, 4C fit and candidates of a decoded, mapped event. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void select(Sample s, ScanBenchmarks.Cpu cpu, Blackhole bh) {
        EventSelection selection = s.analysis.selection();
        for (RecordedEvent e : s.recorded) {
            bh.consume(selection.apply(e, BEAMS));
        }
    }

    /**
     * Everything the stream thread does with an event between Kafka's bytes and the candidate records: decode,
     * validate, map, select, and score each candidate for the MLP ranges it fills.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void wholeChain(Sample s, ScanBenchmarks.Cpu cpu, Blackhole bh) {
        EventSelection selection = s.analysis.selection();
        for (int i = 0; i < EVENTS; i++) {
            Event e = s.decode(i);
            if (EventValidation.problem(e).isPresent()) {
                continue;
            }
            EventSelection.Outcome o = selection.apply(EventMapper.toPhysics(e), BEAMS);
            for (Candidate c : o.candidates()) {
                for (MlpRange range : CandidateSpectra.rangesFilled(c, s.analysis.mlp(), s.analysis.segments().reachGeV())) {
                    bh.consume(s.analysis.mlp().score(c, range));
                }
            }
        }
    }

    /** The shipped MLP of the candidate's range and its cut at the candidate's mass; per candidate. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void mlpScoring(Candidates c, ScanBenchmarks.Cpu cpu, Blackhole bh) {
        for (Candidate candidate : c.candidates) {
            bh.consume(c.analysis.mlp().passes(candidate));
        }
    }
}
