package org.fourmu.app.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fourmu.app.sink.FileSink;
import org.fourmu.sinks.postgres.PostgresSink;
import org.fourmu.topology.SearchTopology;
import org.fourmu.app.kafka.ClusterProbe;
import org.fourmu.topology.security.KafkaClientProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fourmu sink postgres}: copies fourmu.limits and fourmu.runs into PostgreSQL until stopped;
 * {@code fourmu sink files}: writes each limit curve as CSV, JSON and the paper's figures (SVG, PNG).
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Copy the result topics into a store: 'fourmu sink postgres --jdbc-url ...' (tables for Grafana), "
                + "'fourmu sink files --out DIR' (CSV, JSON, SVG and PNG figures of every limit curve).")
public final class SinkCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STORE", description = "postgres or files")
    String store;

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", required = true, description = "Confluent-API schema registry.")
    String schemaRegistryUrl;

    @Option(names = "--jdbc-url",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/fourmu?user=fourmu (the password is never logged).")
    String jdbcUrl;

    @Option(names = "--out", paramLabel = "DIR",
            description = "files: directory of the files, one subdirectory per analysis with latest/ and v<version>/.")
    Path out;

    @Option(names = "--min-interval", defaultValue = "30", description = "Seconds between two stored curves of one analysis (default: ${DEFAULT-VALUE}).")
    long minIntervalSeconds;

    @Mixin
    ClientSecurityOptions security = new ClientSecurityOptions();

    @Override
    public Integer call() throws Exception {
        if ("files".equals(store)) {
            return files();
        }
        if (!"postgres".equals(store)) {
            throw new IllegalArgumentException("unknown store '" + store + "': postgres or files");
        }
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--jdbc-url must start with jdbc:postgresql:");
        }
        KafkaClientProperties kafkaClient = security.kafkaClient();
        ClusterProbe.check(bootstrapServers, kafkaClient, ClusterProbe.DEFAULT_TIMEOUT);
        SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(security.registryClient(schemaRegistryUrl));
        CountDownLatch stopped = new CountDownLatch(1);
        try (PostgresSink sink = new PostgresSink(bootstrapServers, kafkaClient, jdbcUrl, serdes.limits().deserializer(),
                serdes.runs().deserializer(), serdes.jpsiFits().deserializer(), Duration.ofSeconds(minIntervalSeconds))) {
            stopOnShutdown(sink::stop, stopped);
            System.out.println("fourmu sink: fourmu.limits, fourmu.runs and fourmu.jpsi -> PostgreSQL (Ctrl-C stops it)");
            sink.run();
        } finally {
            stopped.countDown();
        }
        return 0;
    }

    private Integer files() throws Exception {
        if (out == null) {
            throw new IllegalArgumentException("fourmu sink files needs --out DIR");
        }
        KafkaClientProperties kafkaClient = security.kafkaClient();
        ClusterProbe.check(bootstrapServers, kafkaClient, ClusterProbe.DEFAULT_TIMEOUT);
        SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(security.registryClient(schemaRegistryUrl));
        CountDownLatch stopped = new CountDownLatch(1);
        try (FileSink sink = new FileSink(bootstrapServers, kafkaClient, out, serdes.limits().deserializer(),
                Duration.ofSeconds(minIntervalSeconds))) {
            stopOnShutdown(sink::stop, stopped);
            System.out.println("fourmu sink: fourmu.limits -> " + out.toAbsolutePath() + " (Ctrl-C stops it)");
            sink.run();
        } finally {
            stopped.countDown();
        }
        return 0;
    }

    /** On Ctrl-C: stop the sink and wait until its loop has ended and it is closed. */
    private static void stopOnShutdown(Runnable stop, CountDownLatch stopped) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }
}
