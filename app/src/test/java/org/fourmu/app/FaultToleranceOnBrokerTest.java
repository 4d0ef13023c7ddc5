package org.fourmu.app;

import static org.fourmu.app.SearchQueries.JSON;
import static org.fourmu.app.SearchQueries.await;
import static org.fourmu.app.SearchQueries.awaitRunning;
import static org.fourmu.app.SearchQueries.get;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.fourmu.app.kafka.CommittedRecords;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.app.search.SearchInstance;
import org.fourmu.avro.Candidate;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.Event;
import org.fourmu.avro.LimitCurve;
import org.fourmu.avro.RunInfo;
import org.fourmu.avro.ScanSegment;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.topology.SearchConfig;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.aggregation.SegmentScan;
import org.fourmu.topology.aggregation.SpectrumWindow;
import org.fourmu.topology.events.EventMapper;
import org.fourmu.topology.processors.MassSegments;
import org.fourmu.topology.query.Answers;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on a real broker, each compared with an uninterrupted run of the same stream (with copies of some
 * events in it, which must be dead-lettered as duplicates exactly once): the search process killed with
 * SIGKILL mid-stream and restarted; the broker restarted mid-stream; a second instance joining mid-stream
 * and the first one leaving later. Event, cut-flow and candidate counts and the spectra must be equal,
 * the limit curve point for point. What was seen is in docs/reliability.md.
 */
class FaultToleranceOnBrokerTest {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FaultToleranceOnBrokerTest.class);

    private static final int BACKGROUND = 1200;
    private static final int SIGNAL = 150;
    private static final int PARTITIONS = 3;
    /** Every 40th position of the stream carries a copy of the event 20 positions before it. */
    private static final int COPY_EVERY = 40;
    /** Events sent per batch and the pause between batches: the stream lasts a few seconds. */
    private static final int BATCH = 25;
    private static final long PAUSE_MILLIS = 100;

    @TempDir
    static Path dir;
    private static SimulatedSearchInput input;
    private static final List<RecordedEvent> STREAM = new ArrayList<>();
    private static long copies;
    private static Outcome uninterrupted;

    /** What a run ends with: the answers of the search and the dead letters by reason. */
    record Outcome(Answers.CutFlow cutFlow, Answers.Limits limits, List<Answers.Spectrum> spectra,
                   Map<DeadLetterReason, Long> deadLetters) {
    }

    @BeforeAll
    static void simulateAndRunUninterrupted() throws Exception {
        input = new SimulatedSearchInput(BACKGROUND, SIGNAL);
        for (int i = 0; i < input.events.size(); i++) {
            STREAM.add(input.events.get(i));
            if (i > 0 && i % COPY_EVERY == 0) {
                STREAM.add(input.events.get(i - COPY_EVERY / 2));
                copies++;
            }
        }
        try (Bench bench = new Bench(dir.resolve("uninterrupted"))) {
            long t0 = System.nanoTime();
            SearchInstance search = bench.startInstance("state");
            bench.produceInBackground(Map.of()).get(120, TimeUnit.SECONDS);
            uninterrupted = bench.outcome(search);
            LOG.info("uninterrupted: {} records in, {} events, {} candidates, dead letters {}, {} s", search.metrics().eventsIn(),
                    uninterrupted.cutFlow.events(), uninterrupted.cutFlow.candidates(), uninterrupted.deadLetters, seconds(t0));
        }
        assertEquals(input.events.size(), uninterrupted.cutFlow.events());
        assertEquals(input.selectedEvents, uninterrupted.cutFlow.selected());
        assertEquals(input.candidates, uninterrupted.cutFlow.candidates());
        assertEquals(Map.of(DeadLetterReason.DUPLICATE_EVENT, copies), uninterrupted.deadLetters, "each copy once, nothing else");
    }

    @Test
    void searchProcessKilledMidStreamAndRestartedGivesTheUninterruptedAnswers() throws Exception {
        try (Bench bench = new Bench(dir.resolve("kill"))) {
            Path state = dir.resolve("kill").resolve("state");
            Process child = new ProcessBuilder(SearchJvm.command(bench.kafka.bootstrapServers(), bench.registry.url(), state, PARTITIONS))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                awaitReady(child);
                // no gate: records keep flowing, so that the child always has an open transaction to die in
                CompletableFuture<Void> producing = bench.produceInBackground(Map.of());
                long committed = bench.awaitCommitted(STREAM.size() / 3);
                try (OpenTransaction open = new OpenTransaction(bench.kafka.bootstrapServers(), Topics.CANDIDATES)) {
                    long deadline = System.currentTimeMillis() + 60_000;
                    while (!open.now() && System.currentTimeMillis() < deadline) {
                        Thread.sleep(2); // until the child is inside a transaction that has written candidates
                    }
                }
                child.destroyForcibly(); // SIGKILL on Linux, sent at once (no `kill` process to start)
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                assertTrue(committed < STREAM.size(), "killed mid-stream: " + committed + " of " + STREAM.size());
                long openAtKill = bench.abortedRecords(Topics.CANDIDATES);
                long committedAtKill = bench.awaitCommitted(0);
                LOG.info("kill -9: committed {} events, {} candidate records past the last stable offset", committedAtKill, openAtKill);
                long t0 = System.nanoTime();
                SearchInstance restarted = bench.startInstance("state");
                double running = seconds(t0);
                producing.get(120, TimeUnit.SECONDS);
                Outcome outcome = bench.outcome(restarted);
                long aborted = bench.abortedRecords(Topics.CANDIDATES);
                LOG.info("kill -9: {} of {} records committed before the kill; restarted instance RUNNING after {} s, read {} records, "
                        + "answers complete {} s after the restart; {} candidate records of aborted transactions",
                        committed, STREAM.size(), running, restarted.metrics().eventsIn(), seconds(t0), aborted);
                assertTrue(aborted > 0, "the kill landed in an open transaction, whose events were processed again");
                assertSameAsUninterrupted(outcome);
            } finally {
                child.destroyForcibly();
            }
        }
    }

    @Test
    void brokerRestartedMidStreamIsRiddenThrough() throws Exception {
        try (Bench bench = new Bench(dir.resolve("broker"))) {
            SearchInstance search = bench.startInstance("state");
            CompletableFuture<Void> restarted = new CompletableFuture<>();
            CompletableFuture<Void> producing = bench.produceInBackground(Map.of(2 * STREAM.size() / 3, restarted));
            long committed = bench.awaitCommitted(STREAM.size() / 3);
            long t0 = System.nanoTime();
            bench.kafka = bench.kafka.restart();
            restarted.complete(null);
            double down = seconds(t0);
            producing.get(120, TimeUnit.SECONDS);
            assertTrue(committed < STREAM.size(), "restarted mid-stream: " + committed + " of " + STREAM.size());
            Outcome outcome = bench.outcome(search);
            LOG.info("broker restart: {} of {} records committed when it stopped, stop and start took {} s, the search read {} "
                    + "records, state {}, answers complete {} s after the stop", committed, STREAM.size(), down,
                    search.metrics().eventsIn(), search.streams().state(), seconds(t0));
            LOG.info("broker restart: {} candidate records of aborted transactions", bench.abortedRecords(Topics.CANDIDATES));
            assertEquals(KafkaStreams.State.RUNNING, search.streams().state());
            assertEquals(0.0, search.metrics().streamThreadsFailed(), "no stream thread died");
            assertSameAsUninterrupted(outcome);
        }
    }

    @Test
    void secondInstanceJoiningAndFirstLeavingMidStreamGiveTheUninterruptedAnswers() throws Exception {
        try (Bench bench = new Bench(dir.resolve("rebalance"))) {
            SearchInstance first = bench.startInstance("state-1");
            CompletableFuture<Void> joined = new CompletableFuture<>();
            CompletableFuture<Void> left = new CompletableFuture<>();
            CompletableFuture<Void> producing = bench.produceInBackground(Map.of(STREAM.size() / 2, joined, 3 * STREAM.size() / 4, left));
            bench.awaitCommitted(STREAM.size() / 4);
            SearchInstance second = bench.startInstance("state-2");
            awaitRunning(List.of(first, second));
            joined.complete(null);
            long committed = bench.awaitCommitted(STREAM.size() / 2);
            assertTrue(committed < STREAM.size(), "the first left mid-stream: " + committed + " of " + STREAM.size());
            long t0 = System.nanoTime();
            first.close();
            left.complete(null);
            producing.get(120, TimeUnit.SECONDS);
            Outcome outcome = bench.outcome(second);
            LOG.info("rebalance: the second joined at {}/4, the first left with {} of {} records committed; first read {}, "
                    + "second {} records; answers complete {} s after the first left", 1, committed, STREAM.size(),
                    first.metrics().eventsIn(), second.metrics().eventsIn(), seconds(t0));
            assertSameAsUninterrupted(outcome);
        }
    }

    private static void assertSameAsUninterrupted(Outcome o) throws Exception {
        assertEquals(JSON.writeValueAsString(uninterrupted.cutFlow), JSON.writeValueAsString(o.cutFlow), "cut flow");
        assertEquals(uninterrupted.deadLetters, o.deadLetters, "dead letters by reason");
        for (int i = 0; i < uninterrupted.spectra.size(); i++) {
            assertArrayEquals(uninterrupted.spectra.get(i).counts(), o.spectra.get(i).counts(), "spectrum of MLP range " + (i + 1));
            assertEquals(uninterrupted.spectra.get(i).entries(), o.spectra.get(i).entries());
        }
        assertEquals(uninterrupted.limits.events(), o.limits.events());
        assertEquals(uninterrupted.limits.candidates(), o.limits.candidates());
        assertEquals(uninterrupted.limits.fits(), o.limits.fits());
        assertEquals(uninterrupted.limits.integratedLuminosityInvFb(), o.limits.integratedLuminosityInvFb());
        assertEquals(JSON.writeValueAsString(uninterrupted.limits.points()), JSON.writeValueAsString(o.limits.points()),
                "the limit curve point for point");
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0;
    }

    /** Waits for the child's READY line, and keeps draining its output so that its logging never blocks it. */
    private static void awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread drain = new Thread(() -> out.lines().forEach(line -> {
            if (line.equals(SearchJvm.READY)) {
                ready.complete(null);
            }
        }), "search-jvm-output");
        drain.setDaemon(true);
        drain.start();
        ready.get(180, TimeUnit.SECONDS);
    }

    /** A broker, a registry on it, the topics and the runs; instances started here are closed with it. */
    private static final class Bench implements AutoCloseable {

        EmbeddedKafka kafka;
        final SchemaRegistryServer registry;
        final SchemaRegistryClient client;
        final SearchTopology.WireSerdes serdes;
        private final Path dir;
        private final List<SearchInstance> instances = new ArrayList<>();

        Bench(Path dir) throws Exception {
            this.dir = dir;
            kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
            registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0);
            try (Admin admin = admin()) {
                Topics.createMissing(admin, PARTITIONS, (short) 1);
            }
            client = new SchemaRegistryClient(registry.url());
            // every schema registered before the search starts: a broker restart must not meet a first registration
            Map<String, Schema> schemas = Map.of(Topics.EVENTS, Event.getClassSchema(), Topics.RUNS, RunInfo.getClassSchema(),
                    Topics.CANDIDATES, Candidate.getClassSchema(), Topics.SCAN, ScanSegment.getClassSchema(),
                    Topics.SCAN_ASSEMBLY, ScanSegment.getClassSchema(), Topics.LIMITS, LimitCurve.getClassSchema(),
                    Topics.DEAD_LETTER, DeadLetter.getClassSchema(), Topics.JPSI, org.fourmu.avro.JpsiRunFit.getClassSchema());
            schemas.forEach((topic, schema) -> client.register(topic + "-value", schema));
            serdes = SearchTopology.WireSerdes.of(client);
            try (KafkaProducer<String, byte[]> producer = producer()) {
                for (RunInfo r : input.runs) {
                    producer.send(new ProducerRecord<>(Topics.RUNS, r.getExperiment() + "/" + r.getRun(),
                            serdes.runs().serializer().serialize(Topics.RUNS, r)));
                }
            }
        }

        Admin admin() {
            return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        }

        KafkaProducer<String, byte[]> producer() {
            return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
        }

        SearchInstance startInstance(String stateDir) throws InterruptedException {
            SearchInstance instance = SearchInstance.start(SearchJvm.config(kafka.bootstrapServers(), registry.url(),
                    dir.resolve(stateDir), PARTITIONS), input.analysis, SpectrumWindow.DEFAULT, serdes, "127.0.0.1", 0);
            instances.add(instance);
            awaitRunning(List.of(instance));
            return instance;
        }

        /**
         * The stream, keyed experiment/run/event as every fourmu producer keys it, in paced batches; at each position
         * of {@code gates} the producer waits for its gate, so that a fault always finds part of the stream unsent.
         */
        CompletableFuture<Void> produceInBackground(Map<Integer, CompletableFuture<Void>> gates) {
            String bootstrap = kafka.bootstrapServers();
            return CompletableFuture.runAsync(() -> {
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 5),
                        new StringSerializer(), new ByteArraySerializer())) {
                    for (int i = 0; i < STREAM.size(); i++) {
                        if (gates.containsKey(i)) {
                            producer.flush();
                            gates.get(i).get(120, TimeUnit.SECONDS);
                        }
                        RecordedEvent e = STREAM.get(i);
                        producer.send(new ProducerRecord<>(Topics.EVENTS, e.experiment() + "/" + e.run() + "/" + e.eventNumber(),
                                serdes.events().serializer().serialize(Topics.EVENTS, EventMapper.toAvro(e))));
                        if (i % BATCH == BATCH - 1) {
                            producer.flush();
                            Thread.sleep(PAUSE_MILLIS);
                        }
                    }
                    producer.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("a gate of the stream did not open", e);
                }
            });
        }

        /** Waits until the search has committed at least {@code records} of fourmu.events; returns how many it has. */
        long awaitCommitted(long records) throws Exception {
            long deadline = System.currentTimeMillis() + 120_000;
            try (Admin admin = admin()) {
                while (System.currentTimeMillis() < deadline) {
                    long n = 0;
                    for (Map.Entry<TopicPartition, OffsetAndMetadata> e : admin.listConsumerGroupOffsets(
                            SearchConfig.DEFAULT_APPLICATION_ID).partitionsToOffsetAndMetadata().get().entrySet()) {
                        n += e.getKey().topic().equals(Topics.EVENTS) && e.getValue() != null ? e.getValue().offset() : 0;
                    }
                    if (n >= records) {
                        return n;
                    }
                    Thread.sleep(50);
                }
            }
            throw new AssertionError("the search did not commit " + records + " events within 120 s");
        }

        /** The answers once the curve rests on every candidate and the cut flow on every event. */
        Outcome outcome(SearchInstance search) throws Exception {
            SegmentScan segmentScan = new SegmentScan(MassSegments.DEFAULT, input.analysis.scan());
            int fits = input.segmentsWithCandidates.stream().mapToInt(s -> segmentScan.masses(s).size()).sum();
            Answers.Limits limits = await(search, "/api/limits", Answers.Limits.class,
                    l -> l.histogramEntries() == input.segmentEntries && l.fits() == fits);
            assertEquals(input.keptInOwnRange, limits.candidates(), "distinct candidates, each once");
            Answers.CutFlow cutFlow = await(search, "/api/cutflow", Answers.CutFlow.class, c -> c.events() == input.events.size());
            List<Answers.Spectrum> spectra = new ArrayList<>();
            for (int range = 1; range <= 5; range++) {
                spectra.add(get(search, "/api/spectra?mlpRange=" + range, Answers.Spectrum.class));
            }
            Map<DeadLetterReason, Long> letters = new EnumMap<>(DeadLetterReason.class);
            CommittedRecords.readToEnd(kafka.bootstrapServers(), Topics.DEAD_LETTER, serdes.deadLetters().deserializer(),
                    r -> letters.merge(r.value().getReason(), 1L, Long::sum));
            return new Outcome(cutFlow, limits, spectra, letters);
        }

        /**
         * Records of aborted transactions on a topic, and of the open one: all records read uncommitted less those
         * a read_committed consumer sees (which stops at the first open transaction).
         */
        /** Records of the topic in aborted transactions (read uncommitted, not read committed). */
        long abortedRecords(String topic) {
            return records(topic, "read_uncommitted") - records(topic, "read_committed");
        }

        private long records(String topic, String isolation) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = c.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition()))
                        .toList();
                c.assign(partitions);
                c.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = c.endOffsets(partitions);
                long n = 0;
                while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                    n += c.poll(java.time.Duration.ofMillis(500)).count();
                }
                return n;
            }
        }

        @Override
        public void close() {
            instances.forEach(SearchInstance::close);
            registry.close();
            kafka.close();
        }
    }

    /**
     * Whether a transaction that has written to a topic is open right now: a partition whose high watermark
     * (what a read-uncommitted consumer sees as its end) is past its last stable offset (a read-committed
     * consumer's end). Two end-offset requests, a few milliseconds: reading the topic to count records took
     * longer than the search's transactions last once the topology got fast, and the kill missed them.
     */
    static final class OpenTransaction implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> uncommitted;
        private final KafkaConsumer<byte[], byte[]> committed;
        private final List<TopicPartition> partitions;

        OpenTransaction(String bootstrap, String topic) {
            uncommitted = consumer(bootstrap, "read_uncommitted");
            committed = consumer(bootstrap, "read_committed");
            partitions = uncommitted.partitionsFor(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        }

        private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String isolation) {
            return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        boolean now() {
            Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
            Map<TopicPartition, Long> high = uncommitted.endOffsets(partitions);
            return partitions.stream().anyMatch(tp -> high.get(tp) > stable.get(tp));
        }

        @Override
        public void close() {
            uncommitted.close();
            committed.close();
        }
    }
}
