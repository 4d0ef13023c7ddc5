package org.fourmu.app.command;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fourmu.sinks.postgres.PostgresSink;
import org.fourmu.topology.SearchTopology;
import org.fourmu.app.kafka.ClusterProbe;
import org.fourmu.topology.security.KafkaClientProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fourmu sink postgres}: copies fourmu.limits and fourmu.runs into PostgreSQL until stopped. */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Copy the result topics into a store: 'fourmu sink postgres --jdbc-url ...' (tables for Grafana).")
public final class SinkCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STORE", description = "postgres")
    String store;

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", required = true, description = "Confluent-API schema registry.")
    String schemaRegistryUrl;

    @Option(names = "--jdbc-url", required = true,
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/fourmu?user=fourmu (the password is never logged).")
    String jdbcUrl;

    @Option(names = "--min-interval", defaultValue = "30", description = "Seconds between two stored curves of one analysis (default: ${DEFAULT-VALUE}).")
    long minIntervalSeconds;

    @Mixin
    ClientSecurityOptions security = new ClientSecurityOptions();

    @Override
    public Integer call() throws Exception {
        if (!"postgres".equals(store)) {
            throw new IllegalArgumentException("unknown store '" + store + "': postgres is the one there is");
        }
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--jdbc-url must start with jdbc:postgresql:");
        }
        KafkaClientProperties kafkaClient = security.kafkaClient();
        ClusterProbe.check(bootstrapServers, kafkaClient, ClusterProbe.DEFAULT_TIMEOUT);
        SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(security.registryClient(schemaRegistryUrl));
        CountDownLatch stopped = new CountDownLatch(1);
        try (PostgresSink sink = new PostgresSink(bootstrapServers, kafkaClient, jdbcUrl, serdes.limits().deserializer(),
                serdes.runs().deserializer(), Duration.ofSeconds(minIntervalSeconds))) {
            Thread hook = new Thread(() -> {
                sink.stop();
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            System.out.println("fourmu sink: fourmu.limits and fourmu.runs -> PostgreSQL (Ctrl-C stops it)");
            sink.run();
        } finally {
            stopped.countDown();
        }
        return 0;
    }
}
