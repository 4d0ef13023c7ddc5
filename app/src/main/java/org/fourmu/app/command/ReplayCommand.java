package org.fourmu.app.command;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.fourmu.app.dataset.DatasetManifest;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.app.replay.BatchReplay;
import org.fourmu.app.replay.LimitCurveFiles;
import org.fourmu.app.replay.ReplayPublisher;
import org.fourmu.app.replay.StreamReplay;
import org.fourmu.avro.LimitCurve;
import org.fourmu.topology.SearchConfig;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fourmu replay}: a recorded dataset (manifest and one Avro file per run) through the search,
 * three ways: straight through the batch path; through an embedded broker and the topology, to the
 * final limits; or published into an existing cluster where a running topology picks it up. Results
 * are keyed by dataset and calibration, so a replay with another calibration leaves the first intact.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a recorded dataset (from 'fourmu record' or 'fourmu simulate --dataset') through the search.")
public final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DATASET", description = "Dataset directory or its manifest.json.")
    Path dataset;

    @Option(names = "--batch", description = "Straight through the batch path (no Kafka): the per-event chain, the spectra, the scan.")
    boolean batch;

    @Option(names = "--bootstrap-servers", description = "Publish into this Kafka cluster (with --schema-registry-url) "
            + "for a topology running there, instead of the embedded broker.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "Confluent-API schema registry of --bootstrap-servers.")
    String schemaRegistryUrl;

    @Mixin
    ClientSecurityOptions security = new ClientSecurityOptions();

    @Option(names = "--speed", defaultValue = "0",
            description = "Real-time factor: each run takes its recorded duration divided by this; 0 = as fast as possible (default).")
    double speed;

    @Option(names = "--data-dir", description = "Embedded broker and Streams state (default: <out>/kafka-data); "
            + "rerunning on the same directory resumes an interrupted replay.")
    Path dataDir;

    @Option(names = "--partitions", defaultValue = "3", description = "Partitions of the embedded topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--calibration", paramLabel = "FILE",
            description = "Calibration bundle (calibration-<id>.json from 'fourmu calibrate'; default: the shipped bundle).")
    Path calibration;

    @Option(names = "--out", defaultValue = "replay-results", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("--speed must be >= 0, got " + speed);
        }
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new IllegalArgumentException("--bootstrap-servers and --schema-registry-url go together");
        }
        if (batch && bootstrapServers != null) {
            throw new IllegalArgumentException("--batch runs without Kafka: drop --bootstrap-servers");
        }
        Path directory = Files.isDirectory(dataset) ? dataset : dataset.toAbsolutePath().getParent();
        DatasetManifest manifest = DatasetManifest.read(dataset);
        SearchTopology.Analysis base = AnalysisSetup.fromBundle(calibration);
        SearchTopology.Analysis analysis = base.withAnalysisId(manifest.name() + "/" + base.calibrationId());
        System.err.printf(Locale.ROOT, "dataset %s: %d runs, %d events, %.4g fb^-1; analysis %s%n", manifest.name(),
                manifest.runs().size(), manifest.events(), manifest.integratedLuminosity(), analysis.analysisId());
        ProgressBar bar = new ProgressBar("events", manifest.events());
        long t0 = System.nanoTime();
        if (bootstrapServers != null) {
            SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(security.registryClient(schemaRegistryUrl));
            try (ReplayPublisher publisher = new ReplayPublisher(bootstrapServers, security.kafkaClient(), manifest.name(),
                    serdes.events().serializer(), serdes.runs().serializer(), 5000)) {
                long n = publisher.publish(directory, manifest, speed, bar::update);
                bar.done();
                System.err.printf(Locale.ROOT, "published %d events to %s in %.1f s%n", n, bootstrapServers, (System.nanoTime() - t0) * 1e-9);
            }
            return 0;
        }
        LimitCurve curve;
        if (batch) {
            BatchReplay.Result result = new BatchReplay(analysis).run(directory, manifest, bar::update);
            bar.done();
            curve = result.curve();
            Files.createDirectories(out);
            for (int range = 1; range <= 5; range++) {
                try (OutputStream o = Files.newOutputStream(out.resolve("spectrum-range" + range + ".fmh"))) {
                    result.spectra().histogram(range).writeTo(o);
                }
            }
            if (result.failedEvents() > 0) {
                System.err.printf("%d events were invalid or failed in the selection (the stream dead-letters them)%n", result.failedEvents());
            }
        } else {
            curve = throughEmbeddedKafka(directory, manifest, analysis, bar);
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        LimitCurveFiles.write(curve, out);
        System.out.printf(Locale.ROOT, "%s: %d events, %.4g fb^-1, %d fits; largest local significance %.2f sigma at %.4f GeV "
                        + "(global %.2f); %.1f s (%.0f events/s); results in %s%n", curve.getAnalysisId(), manifest.events(),
                curve.getIntegratedLuminosity(), curve.getFits(), curve.getMaxLocalSignificance(),
                curve.getMaxLocalSignificanceMass(), curve.getGlobalSignificance(), seconds, manifest.events() / seconds, out);
        return 0;
    }

    private LimitCurve throughEmbeddedKafka(Path directory, DatasetManifest manifest, SearchTopology.Analysis analysis,
                                            ProgressBar bar) throws IOException, InterruptedException {
        Path data = dataDir != null ? dataDir : out.resolve("kafka-data");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(data.resolve("kafka"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Topics.createMissing(admin, partitions, (short) 1);
            SearchConfig config = SearchConfig.builder().applicationId(applicationId(analysis.analysisId()))
                    .bootstrapServers(kafka.bootstrapServers()).schemaRegistryUrl(registry.url())
                    .stateDir(data.resolve("streams")).partitions(partitions).build();
            SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(new SchemaRegistryClient(registry.url()));
            LimitCurve curve = new StreamReplay(config, analysis.withScanInterval(Duration.ofSeconds(1)), serdes)
                    .run(directory, manifest, speed, bar::update, new SearchMetrics(new SimpleMeterRegistry()));
            bar.done();
            return curve;
        }
    }

    /** A Streams application id per analysis (dataset and calibration): their state never mixes. */
    static String applicationId(String analysisId) {
        return "fourmu-" + analysisId.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
