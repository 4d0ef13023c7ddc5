package org.fourmu.app.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import java.util.HashMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.Topology;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.fourmu.app.demo.DataTakingLoop;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.app.search.SearchInstance;
import org.fourmu.avro.Event;
import org.fourmu.avro.RunInfo;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.physics.event.RecordedEvent;
import org.fourmu.simulation.calibration.PidCalibration;
import org.fourmu.simulation.datataking.DataTakingConfig;
import org.fourmu.simulation.datataking.DataTakingSource;
import org.fourmu.simulation.datataking.RunRecord;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.topology.SearchConfig;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.aggregation.CutFlowStore;
import org.fourmu.topology.aggregation.SpectrumWindow;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.serde.RegistryAvroSerde;

/**
 * Events per second through the whole search topology on the embedded broker, next to a plain
 * consumer that only deserializes the same topic. The events are on {@code fourmu.events} before
 * either starts: the demo's simulated data taking (its processes at their cross sections), a pool
 * of distinct events repeated with new event numbers when more are asked for.
 */
public final class ThroughputBenchmark {

    /** What to run. */
    public record Settings(long events, double warmup, int pool, int partitions, int threads, String guarantee,
                           List<String> processes, double rateScale, Duration scanInterval, long seed,
                           Map<String, String> streamsConfig) {
    }

    /**
     * One reader's pace: events after the warm-up, the seconds they took, the seconds from the
     * reader's start to the last event, and the CPU used over the timed events: the whole process (broker included) and the threads that
     * read (the consumer's, or the stream threads). On a shared machine the wall-clock rate depends on
     * the load; the CPU per event does not, and 1 / (reader CPU per event) bounds what one thread can do.
     */
    public record Pace(long events, double seconds, double secondsFromStart, double processCpuSeconds, double readerCpuSeconds,
                       Map<String, Double> cpuSecondsByThread) {

        public double perSecond() {
            return events / seconds;
        }

        public double processCpuMicrosPerEvent() {
            return processCpuSeconds * 1e6 / events;
        }

        public double readerCpuMicrosPerEvent() {
            return readerCpuSeconds * 1e6 / events;
        }

        /** The process's CPU per event by thread group (those using at least 0.1 us per event), largest first. */
        public String cpuByThread() {
            StringBuilder out = new StringBuilder();
            for (Map.Entry<String, Double> e : ThreadCpuTimes.microsPerEvent(cpuSecondsByThread, events, 0.1)) {
                out.append(String.format(java.util.Locale.ROOT, "  %6.2f us  %s%n", e.getValue(), e.getKey()));
            }
            return out.toString();
        }
    }

    /** CPU time of the process and of the reading threads, in seconds. */
    private static double[] cpu(java.util.function.Predicate<String> isReader) {
        double process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long reader = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && isReader.test(t.getThreadName())) {
                reader += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return new double[] {process, reader / 1e9};
    }

    /** The load average of the machine over the last minute (-1 where the system does not tell). */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * The run: production, the plain consumer, Kafka Streams with a topology that only deserializes (what Streams itself
     * costs per record), the search topology, and the events the topology's cut-flow counted.
     */
    public record Result(Pace produced, Pace plainConsumer, Pace decodeOnlyStreams, Pace topology, long counted,
                         Map<String, Long> mix) {

        public double ratio() {
            return topology.perSecond() / plainConsumer.perSecond();
        }
    }

    private final Settings settings;
    private final PrintStream log;

    public ThroughputBenchmark(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public Result run(Path workDir) throws Exception {
        FastDetector detector = FastDetector.nominal();
        DataTakingConfig dataTaking = new DataTakingConfig(26, 1, 4e34, 600, 1.0, settings.processes(), settings.rateScale(),
                Optional.empty(), BeamConditions.NOMINAL, 1_700_000_000_000L, settings.seed());
        List<RecordedEvent> pool = new ArrayList<>();
        Map<Integer, RunInfo> runs = new LinkedHashMap<>();
        Map<Integer, Long> eventsPerRun = new LinkedHashMap<>();
        DataTakingSource source = new DataTakingSource(dataTaking, detector);
        long t0 = System.nanoTime();
        while (pool.size() < Math.min(settings.pool(), settings.events())) {
            DataTakingSource.Slice slice = source.next();
            pool.addAll(slice.events());
            RunRecord run = slice.run();
            long inRun = eventsPerRun.merge(run.run(), (long) slice.events().size(), Long::sum);
            runs.put(run.run(), DataTakingLoop.runInfo(run, inRun));
        }
        Map<String, Long> mix = new LinkedHashMap<>();
        for (RecordedEvent e : pool) {
            mix.merge(e.mcTruth().map(t -> t.process()).orElse("?"), 1L, Long::sum);
        }
        log.printf("simulated a pool of %d events in %.1f s: %s%n", pool.size(), (System.nanoTime() - t0) / 1e9, mix);

        try (EmbeddedKafka kafka = EmbeddedKafka.start(workDir.resolve("kafka"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Topics.createMissing(admin, settings.partitions(), (short) 1);
            }
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(client);
            Pace produced = produce(kafka.bootstrapServers(), client, serdes, pool, runs);
            log.printf("produced %d events to %s in %.1f s (%.0f events/s)%n", produced.events(), Topics.EVENTS,
                    produced.seconds(), produced.perSecond());
            Pace plain = plainConsumer(kafka.bootstrapServers(), serdes);
            log.printf("plain consumer (deserialize only): %d events after the warm-up in %.2f s: %.0f events/s; CPU per event: process %.1f us, "
                            + "consumer thread %.1f us%n", plain.events(), plain.seconds(), plain.perSecond(),
                    plain.processCpuMicrosPerEvent(), plain.readerCpuMicrosPerEvent());
            log.printf("plain consumer: CPU per event by thread%n%s", plain.cpuByThread());
            if (!settings.streamsConfig().isEmpty()) {
                log.printf("streams config over the defaults: %s%n", settings.streamsConfig());
            }
            Pace decodeOnly = decodeOnlyStreams(streamsConfig(kafka, registry, workDir, "fourmu-bench-decode-only").build(),
                    serdes);
            log.printf("Kafka Streams, decode only (same configuration, a topology that only deserializes): %d events after the "
                            + "warm-up in %.2f s: %.0f events/s; CPU per event: process %.1f us, stream threads %.1f us%n",
                    decodeOnly.events(), decodeOnly.seconds(), decodeOnly.perSecond(), decodeOnly.processCpuMicrosPerEvent(),
                    decodeOnly.readerCpuMicrosPerEvent());
            log.printf("Kafka Streams, decode only: CPU per event by thread%n%s", decodeOnly.cpuByThread());
            SearchTopology.Analysis analysis = SearchTopology.Analysis.paper(PidCalibration.build(detector, 20_000, 1),
                    "pid-from-fastsim").withScanInterval(settings.scanInterval());
            SearchConfig.Builder config = streamsConfig(kafka, registry, workDir, "fourmu-bench");
            Map<String, Long> offsetsBefore = endOffsets(kafka.bootstrapServers());
            try (SearchInstance search = SearchInstance.start(config, analysis, SpectrumWindow.DEFAULT, serdes, "127.0.0.1", 0)) {
                Pace topology = topology(search);
                long counted = awaitCounted(search, Duration.ofSeconds(60));
                log.printf("topology: records written per 1000 events, by topic (offsets, transaction markers included)%n%s",
                        recordsPerThousand(offsetsBefore, endOffsets(kafka.bootstrapServers()), settings.events()));
                log.printf("topology (%s, %d partitions, %d stream threads): %d events after the warm-up in %.2f s: %.0f events/s "
                                + "(%.1f s from start); CPU per event: process %.1f us, stream threads %.1f us; "
                                + "cut-flow store counted %d%n", settings.guarantee(), settings.partitions(),
                        settings.threads(), topology.events(), topology.seconds(), topology.perSecond(),
                        topology.secondsFromStart(), topology.processCpuMicrosPerEvent(), topology.readerCpuMicrosPerEvent(),
                        counted);
                log.printf("topology: CPU per event by thread%n%s", topology.cpuByThread());
                return new Result(produced, plain, decodeOnly, topology, counted, mix);
            }
        }
    }

    private Pace produce(String bootstrap, SchemaRegistryClient client, SearchTopology.WireSerdes serdes,
                         List<RecordedEvent> pool, Map<Integer, RunInfo> runs) {
        long t0 = System.nanoTime();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, RunInfo> producer = new KafkaProducer<>(config, new StringSerializer(), serdes.runs().serializer())) {
            for (RunInfo r : runs.values()) {
                producer.send(new ProducerRecord<>(Topics.RUNS, r.getExperiment() + "/" + r.getRun(), r));
            }
        }
        try (KafkaProducer<String, Event> producer = new KafkaProducer<>(config, new StringSerializer(),
                RegistryAvroSerde.forValues(Event.class, client))) {
            for (long i = 0; i < settings.events(); i++) {
                RecordedEvent e = pool.get((int) (i % pool.size()));
                // repeated pool events get new event numbers: run-local numbering continues past the pool
                long number = e.eventNumber() + (i / pool.size()) * pool.size();
                e = new RecordedEvent(e.experiment(), e.run(), number, e.timeMillis(), e.tracks(), e.photons(), e.triggerBits(),
                        e.mcTruth());
                producer.send(new ProducerRecord<>(Topics.EVENTS, e.experiment() + "/" + e.run() + "/" + number,
                        org.fourmu.topology.events.EventMapper.toAvro(e)));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Pace(settings.events(), seconds, seconds, Double.NaN, Double.NaN, Map.of());
    }

    /** Reads the events topic with exactly the deserializer the topology's decode step uses (the limit of the ratio). */
    private Pace plainConsumer(String bootstrap, SearchTopology.WireSerdes serdes) {
        try (KafkaConsumer<byte[], Event> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-consumer", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), serdes.events().deserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS));
            String self = Thread.currentThread().getName();
            Stopwatch watch = new Stopwatch(self::equals);
            long n = 0;
            while (n < settings.events()) {
                n += consumer.poll(Duration.ofMillis(200)).count();
                watch.read(n);
            }
            return watch.pace();
        }
    }

    /** The Streams configuration of the harness's applications: only the application id (hence group and state) differs. */
    private SearchConfig.Builder streamsConfig(EmbeddedKafka kafka, SchemaRegistryServer registry, Path workDir, String applicationId) {
        SearchConfig.Builder config = SearchConfig.builder().applicationId(applicationId)
                .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
                .stateDir(workDir.resolve("streams")).partitions(settings.partitions()).streamThreads(settings.threads())
                .processingGuarantee(settings.guarantee());
        settings.streamsConfig().forEach(config::override);
        return config;
    }

    /**
     * The events topic through Kafka Streams with the search's configuration (exactly once, threads, commit interval)
     * and a topology of one processor that deserializes each event with the topology's deserializer and drops it: the
     * per-record cost of Kafka Streams itself (poll, record queues, task, transactions), the floor of any topology
     * that handles one record per event.
     */
    private Pace decodeOnlyStreams(SearchConfig config, SearchTopology.WireSerdes serdes) throws InterruptedException {
        Deserializer<Event> events = serdes.events().deserializer();
        AtomicLong decoded = new AtomicLong();
        Topology t = new Topology();
        t.addSource("events", new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topics.EVENTS);
        t.addProcessor("decode", () -> new Processor<byte[], byte[], Void, Void>() {
            @Override
            public void process(Record<byte[], byte[]> record) {
                if (events.deserialize(Topics.EVENTS, record.value()) != null) {
                    decoded.incrementAndGet();
                }
            }
        }, "events");
        try (KafkaStreams streams = new KafkaStreams(t,
                config.streamsProperties())) {
            Stopwatch watch = new Stopwatch(ThroughputBenchmark::isStreamThread);
            streams.start();
            while (!watch.read(decoded.get())) {
                Thread.sleep(10);
            }
            return watch.pace();
        }
    }

    /** A Kafka Streams application's stream threads: not its global thread nor its producers' I/O threads. */
    private static boolean isStreamThread(String threadName) {
        return threadName.matches(".*-StreamThread-\\d+");
    }

    /** Until the topology has read every event: its events-in counter, polled every 10 ms. */
    private Pace topology(SearchInstance search) throws InterruptedException {
        Stopwatch watch = new Stopwatch(ThroughputBenchmark::isStreamThread);
        while (!watch.read((long) search.metrics().eventsIn())) {
            Thread.sleep(10);
        }
        return watch.pace();
    }

    /**
     * Times a reader past its warm-up: the pace is measured from the moment it has read the warm-up
     * fraction of the events (JIT compilation, first fetches and rebalances behind it) to the last event.
     */
    private final class Stopwatch {
        private final java.util.function.Predicate<String> readerThreads;
        private final long start = System.nanoTime();
        private long warm;
        private long warmEvents;
        private double[] warmCpu;
        private ThreadCpuTimes warmThreads;
        private long end;
        private double[] endCpu;
        private ThreadCpuTimes endThreads;

        Stopwatch(java.util.function.Predicate<String> readerThreads) {
            this.readerThreads = readerThreads;
        }

        /** The reader has read {@code n} events; true once it has read them all. */
        boolean read(long n) {
            if (warmCpu == null && n >= settings.warmup() * settings.events()) {
                warm = System.nanoTime();
                warmEvents = n;
                warmCpu = cpu(readerThreads);
                warmThreads = ThreadCpuTimes.now();
            }
            if (n >= settings.events()) {
                end = System.nanoTime();
                endCpu = cpu(readerThreads);
                endThreads = ThreadCpuTimes.now();
                return true;
            }
            return false;
        }

        Pace pace() {
            return new Pace(settings.events() - warmEvents, (end - warm) / 1e9, (end - start) / 1e9, endCpu[0] - warmCpu[0],
                    endCpu[1] - warmCpu[1], endThreads.since(warmThreads));
        }
    }

    /** The sum over partitions of each topic's end offset, internal topics included. */
    private static Map<String, Long> endOffsets(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
                for (TopicPartitionInfo p : d.partitions()) {
                    partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
                }
            }
            Map<String, Long> out = new TreeMap<>();
            admin.listOffsets(partitions).all().get().forEach((tp, info) -> out.merge(tp.topic(), info.offset(), Long::sum));
            return out;
        }
    }

    private static String recordsPerThousand(Map<String, Long> before, Map<String, Long> after, long events) {
        StringBuilder out = new StringBuilder();
        after.forEach((topic, end) -> {
            long written = end - before.getOrDefault(topic, 0L);
            if (written > 0) {
                out.append(String.format(java.util.Locale.ROOT, "  %10.3f  %s%n", written * 1000.0 / events, topic));
            }
        });
        return out.toString();
    }

    /** The events the cut-flow store holds once every event is counted (exactly once), or what it holds at the deadline. */
    private long awaitCounted(SearchInstance search, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long counted = -1;
        while (System.nanoTime() < deadline) {
            try {
                ReadOnlyKeyValueStore<String, long[]> store = search.streams().store(StoreQueryParameters.fromNameAndType(
                        SearchTopology.CUT_FLOW_STORE, QueryableStoreTypes.<String, long[]>keyValueStore()));
                counted = 0;
                try (KeyValueIterator<String, long[]> it = store.all()) {
                    while (it.hasNext()) {
                        counted += CutFlowStore.Counts.of(it.next().value).events();
                    }
                }
                if (counted == settings.events()) {
                    return counted;
                }
            } catch (InvalidStateStoreException rebalancing) {
                // retry
            }
            Thread.sleep(100);
        }
        return counted;
    }
}
