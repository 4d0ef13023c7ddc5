package org.fourmu.app.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fourmu.app.demo.DataTakingLoop;
import org.fourmu.app.kafka.ClusterProbe;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.app.search.SearchInstance;
import org.fourmu.avro.Candidate;
import org.fourmu.avro.DeadLetter;
import org.fourmu.avro.Event;
import org.fourmu.avro.RunInfo;
import java.util.Optional;
import org.fourmu.physics.event.BeamConditions;
import org.fourmu.simulation.datataking.DataTakingConfig;
import org.fourmu.simulation.datataking.DataTakingSource;
import org.fourmu.app.kafka.CommittedRecords;
import org.fourmu.simulation.datataking.InjectedSignal;
import org.fourmu.simulation.detector.FastDetector;
import org.fourmu.simulation.mix.MixProcesses;
import org.fourmu.topology.SearchConfig;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.aggregation.SpectrumWindow;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.fourmu.topology.security.KafkaClientProperties;
import org.fourmu.topology.serde.RegistryAvroSerde;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fourmu demo}: the embedded broker and registry, the topics, the search topology, a
 * simulated data-taking source, the metrics endpoint and the web view, in one process; Ctrl-C stops it cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole search in one process: embedded Kafka broker and schema registry, the topology, "
                + "simulated data taking, and the metrics endpoint. Ctrl-C stops it.")
public final class DemoCommand implements Callable<Integer> {

    /** The Belle II experiment number the simulated data taking records. */
    private static final int EXPERIMENT = 26;

    @Option(names = "--data-dir", defaultValue = "fourmu-data",
            description = "Directory for the broker's log and the Streams state (default: ${DEFAULT-VALUE}); reused on restart.")
    Path dataDir;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of starting an embedded broker.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "Use this Confluent-API schema registry instead of the embedded one.")
    String schemaRegistryUrl;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Port of the embedded broker on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Port of the embedded registry on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--http-port", defaultValue = "8080", description = "Port of the metrics and health endpoints; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", description = "Address the HTTP endpoints bind to (default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the events topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--processes", split = ",", defaultValue = "mumumumu,mumugamma,jpsipipi",
            description = "Simulated processes, mixed at their cross sections (default: ${DEFAULT-VALUE}; see 'fourmu simulate --help' for names).")
    List<String> processes;

    @Option(names = "--luminosity", defaultValue = "4e34", description = "Instantaneous luminosity in cm^-2 s^-1 (default: ${DEFAULT-VALUE}).")
    double luminosity;

    @Option(names = "--rate-scale", defaultValue = "500",
            description = "Speed-up of data taking: event rates and luminosity are multiplied by this (default: ${DEFAULT-VALUE}).")
    double rateScale;

    @Option(names = "--run-length", defaultValue = "600", description = "Run length in seconds (default: ${DEFAULT-VALUE}).")
    double runLengthSeconds;

    @Option(names = "--signal-model", defaultValue = "zprime",
            description = "Signal injected into the simulated data: zprime, scalar or none (default: ${DEFAULT-VALUE}).")
    String signalModel;

    @Option(names = "--signal-mass", defaultValue = "5.3", description = "Injected X mass in GeV (default: ${DEFAULT-VALUE}).")
    double signalMass;

    @Option(names = "--signal-coupling", defaultValue = "0.03",
            description = "Injected coupling (default: ${DEFAULT-VALUE}: a 5.3 GeV Z' 0.37 MeV wide, narrow against the "
                    + "10.7 MeV resolution as the scan's signal shape assumes; 0.01 is near the paper's limit).")
    double signalCoupling;

    @Option(names = "--signal-strength", defaultValue = "100",
            description = "Multiplier of the injected signal's rate (default: ${DEFAULT-VALUE}: with g' = 0.03, sigma x B = 41 fb, "
                    + "about 7 sigma local after 0.8 fb^-1 and 15 after 4 fb^-1, some four minutes at the default rate). "
                    + "A larger coupling "
                    + "instead widens the peak: g' = 0.3 at strength 1 has the same rate but a 37 MeV width.")
    double signalStrength;

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "Calibration bundle (calibration-<id>.json from 'fourmu calibrate'; default: the shipped bundle).")
    Path calibration;

    @Option(names = "--benchmark-masses", split = ",", defaultValue = "0.5,1.0,2.0,5.0,8.0",
            description = "Masses in GeV at which the limits are exposed as the gauges fourmu_limit_xsec_fb and "
                    + "fourmu_limit_coupling (at most 10; default: ${DEFAULT-VALUE}).")
    List<Double> benchmarkMassesGeV;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the simulated data (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    ClientSecurityOptions security = new ClientSecurityOptions();

    @Mixin
    RegistryServerOptions registryServer = new RegistryServerOptions();

    @Override
    public Integer call() throws Exception {
        if (!(signalStrength > 0)) {
            throw new IllegalArgumentException("--signal-strength must be positive, got " + signalStrength);
        }
        if (!(rateScale > 0)) {
            throw new IllegalArgumentException("--rate-scale must be positive, got " + rateScale);
        }
        if (!(luminosity > 0)) {
            throw new IllegalArgumentException("--luminosity must be positive, got " + luminosity);
        }
        for (String p : processes) {
            if (!MixProcesses.names().contains(p)) {
                throw new IllegalArgumentException("--processes: unknown process '" + p + "'; known: " + MixProcesses.names());
            }
        }
        if (!List.of("zprime", "scalar", "none").contains(signalModel)) {
            throw new IllegalArgumentException("--signal-model must be zprime, scalar or none, got '" + signalModel + "'");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Resources r = new Resources();
        Thread hook = new Thread(() -> {
            r.close();
            stopped.countDown();
        }, "fourmu-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            start(r);
        } catch (Exception e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            r.close();
            throw e;
        }
        stopped.await();
        return 0;
    }

    private void start(Resources r) throws Exception {
        KafkaClientProperties kafkaClient = security.kafkaClient();
        if (bootstrapServers == null && !kafkaClient.values().isEmpty()) {
            throw new IllegalArgumentException("--kafka-config is for a cluster named by --bootstrap-servers; "
                    + "the embedded broker speaks plaintext on 127.0.0.1");
        }
        SchemaRegistryServer.Security registrySecurity = registryServer.security();
        SearchTopology.Analysis analysis = AnalysisSetup.fromBundle(calibration);
        String bootstrap = bootstrapServers;
        if (bootstrap == null) {
            r.kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaPort);
            bootstrap = r.kafka.bootstrapServers();
        } else {
            ClusterProbe.check(bootstrap, kafkaClient, ClusterProbe.DEFAULT_TIMEOUT);
        }
        String registryUrl = schemaRegistryUrl;
        if (registryUrl == null) {
            r.registry = SchemaRegistryServer.start(bootstrap, kafkaClient, "127.0.0.1", registryPort, registrySecurity);
            registryUrl = r.registry.url();
        }
        try (Admin admin = Admin.create(kafkaClient.withBootstrap(bootstrap))) {
            List<String> created = Topics.createMissing(admin, partitions, (short) (bootstrapServers == null ? 1 : -1));
            if (!created.isEmpty()) {
                System.out.println("created topics " + created);
            }
        }
        SearchConfig.Builder config = SearchConfig.builder().bootstrapServers(bootstrap).schemaRegistryUrl(registryUrl)
                .stateDir(dataDir.resolve("streams")).partitions(partitions).kafkaClient(kafkaClient);
        SchemaRegistryClient client = security.registryClient(registryUrl);
        var serdes = SearchTopology.WireSerdes.of(client);
        FastDetector detector = FastDetector.nominal();
        r.search = SearchInstance.start(config, analysis, SpectrumWindow.DEFAULT, serdes, httpHost, httpPort, benchmarkMassesGeV);

        Map<String, Object> producerConfig = kafkaClient.withBootstrap(bootstrap);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        r.eventProducer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                RegistryAvroSerde.forValues(Event.class, client));
        r.runProducer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                RegistryAvroSerde.forValues(RunInfo.class, client));
        Optional<InjectedSignal> signal = signalModel.equals("none") ? Optional.empty()
                : Optional.of(new InjectedSignal(signalModel, signalMass, signalCoupling, signalStrength));
        DataTakingConfig dataTaking = new DataTakingConfig(EXPERIMENT, nextRun(bootstrap, kafkaClient, serdes), luminosity, runLengthSeconds,
                1.0, processes, rateScale, signal, BeamConditions.NOMINAL, System.currentTimeMillis(), seed);
        DataTakingSource source = new DataTakingSource(dataTaking, detector);
        r.loop = new DataTakingLoop(source, dataTaking.sliceSeconds(), r.eventProducer, r.runProducer);
        r.loopThread = new Thread(r.loop, "data-taking");
        r.loopThread.setDaemon(true);
        r.loopThread.start();

        System.out.println("fourmu demo running from run " + EXPERIMENT + "/" + dataTaking.firstRun() + " (Ctrl-C stops it)");
        System.out.println("  Kafka bootstrap servers: " + bootstrap + (r.kafka != null ? "  (embedded, data in " + r.kafka.dataDir() + ")" : ""));
        System.out.println("  schema registry:         " + registryUrl + (r.registry != null ? "  (embedded)" : ""));
        System.out.println("  web view:                " + r.search.url() + "/  (spectrum, significance, limits, rates)");
        System.out.println("  metrics:                 " + r.search.url() + "/metrics");
        System.out.println("  health:                  " + r.search.url() + "/health/live, /health/ready");
        System.out.println("  queries:                 " + r.search.url() + "/api/limits, /api/limits/point?mass=5.3, "
                + "/api/fit?mass=5.3, /api/spectra?view=cumulative|run|window, /api/cutflow, /api/rates, /api/anomaly-band");
        System.out.println("  topics:                  " + Topics.ALL.stream().map(Topics.Spec::name).toList());
    }

    /** Everything the demo started, closed in reverse order. */
    private static final class Resources {
        EmbeddedKafka kafka;
        SchemaRegistryServer registry;
        SearchInstance search;
        KafkaProducer<String, Event> eventProducer;
        KafkaProducer<String, RunInfo> runProducer;
        DataTakingLoop loop;
        Thread loopThread;
        private boolean closed;

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            System.out.println("fourmu demo stopping");
            if (loop != null) {
                loop.stop();
                try {
                    loopThread.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (eventProducer != null) {
                eventProducer.close(Duration.ofSeconds(3));
                runProducer.close(Duration.ofSeconds(3));
            }
            if (search != null) {
                search.close();
            }
            if (registry != null) {
                registry.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            System.out.println("fourmu demo stopped" + (loop != null ? " after publishing " + loop.published() + " events" : ""));
        }
    }

    /**
     * The run after the last one on fourmu.runs: a demo started again on its data directory takes new runs, so
     * its events are not copies of earlier ones (which the search would dead-letter as DUPLICATE_EVENT).
     */
    private static int nextRun(String bootstrap, KafkaClientProperties kafkaClient, SearchTopology.WireSerdes serdes) {
        int[] last = {0};
        CommittedRecords.readToEnd(bootstrap, kafkaClient, Topics.RUNS, serdes.runs().deserializer(), r -> {
            if (r.value() != null && r.value().getExperiment() == EXPERIMENT) {
                last[0] = Math.max(last[0], r.value().getRun());
            }
        });
        return last[0] + 1;
    }
}
