package org.fourmu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.fourmu.app.kafka.EmbeddedKafka;
import org.fourmu.app.search.SearchInstance;
import org.fourmu.topology.SearchConfig;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.aggregation.SpectrumWindow;
import org.fourmu.topology.registry.SchemaRegistryClient;
import org.fourmu.topology.registry.SchemaRegistryServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka Streams client metrics ({@code KafkaStreamsMetrics}, STACK.md: incubating, may go NaN after a
 * rebalance) on two instances on the embedded broker, one of which leaves: the survivor takes over every
 * partition and its {@code kafka_stream_*} and {@code kafka_consumer_*} series stay exposed, finite and
 * counting, with no series twice in its scrape; the departed instance's registry holds none of them.
 */
class StreamsClientMetricsAfterRebalanceTest {

    @TempDir
    Path dir;

    @Test
    void survivorKeepsExposingStreamsMetricsAfterTheOtherInstanceLeaves() throws Exception {
        SimulatedSearchInput input = new SimulatedSearchInput(300, 30);
        int half = input.events.size() / 2;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0);
             SchemaRegistryServer registry = SchemaRegistryServer.start(kafka.bootstrapServers(), "127.0.0.1", 0)) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            SearchTopology.WireSerdes serdes = SearchTopology.WireSerdes.of(client);
            input.prepareBroker(kafka.bootstrapServers(), 3, serdes);
            List<SearchInstance> instances = new ArrayList<>();
            SearchInstance survivor = null;
            try {
                for (int i = 0; i < 2; i++) {
                    instances.add(SearchInstance.start(SearchConfig.builder().bootstrapServers(kafka.bootstrapServers())
                                    .schemaRegistryUrl(registry.url()).stateDir(dir.resolve("state-" + i)).partitions(3),
                            input.analysis, SpectrumWindow.DEFAULT, serdes, "127.0.0.1", 0));
                }
                survivor = instances.get(0);
                SearchInstance leaving = instances.get(1);
                await("both RUNNING", () -> instances.stream().allMatch(i -> i.streams().state() == KafkaStreams.State.RUNNING));
                SimulatedSearchInput.publish(kafka.bootstrapServers(), client, input.events.subList(0, half));
                await("the first half read", () -> eventsIn(instances) == half);
                double assignedBefore = sum(scrape(survivor), "kafka_consumer_coordinator_assigned_partitions");
                double assignedLeaving = sum(scrape(leaving), "kafka_consumer_coordinator_assigned_partitions");
                assertTrue(assignedBefore > 0 && assignedLeaving > 0, "both hold partitions: " + assignedBefore + ", " + assignedLeaving);
                double processedBefore = sum(scrape(survivor), "kafka_stream_thread_process_total");

                double leftWith = leaving.metrics().eventsIn();
                leaving.close();
                instances.remove(leaving);
                String departed = scrape(leaving);
                assertTrue(departed.lines().noneMatch(l -> l.startsWith("kafka_stream_") || l.startsWith("kafka_consumer_")),
                        "the departed instance's Kafka meters are removed");

                SearchInstance s = survivor;
                await("the survivor holds every partition", () -> s.streams().state() == KafkaStreams.State.RUNNING
                        && sum(scrape(s), "kafka_consumer_coordinator_assigned_partitions") == assignedBefore + assignedLeaving);
                SimulatedSearchInput.publish(kafka.bootstrapServers(), client, input.events.subList(half, input.events.size()));
                await("the second half read by the survivor", () -> s.metrics().eventsIn() + leftWith == input.events.size());
                String after = scrape(survivor);
                assertTrue(sum(after, "kafka_stream_thread_process_total") > processedBefore, "the survivor's threads keep counting");
                for (String series : List.of("kafka_stream_thread_process_rate", "kafka_stream_thread_commit_rate",
                        "kafka_stream_thread_commit_total", "kafka_stream_alive_stream_threads", "kafka_stream_thread_punctuate_latency_max")) {
                    List<Double> values = values(after, series);
                    assertTrue(!values.isEmpty(), series + " exposed after the rebalance");
                    assertTrue(values.stream().allMatch(Double::isFinite), series + " finite after the rebalance: " + values);
                }
                assertEquals(1.0, sum(after, "fourmu_streams_state"));
                Set<String> seen = new HashSet<>();
                for (String line : after.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList()) {
                    String id = line.substring(0, line.lastIndexOf(' '));
                    assertTrue(seen.add(id), "series exposed twice: " + id);
                }
            } finally {
                instances.forEach(SearchInstance::close);
            }
        }
    }

    /** Events read by the instances listed. */
    private static double eventsIn(List<SearchInstance> instances) {
        return instances.stream().mapToDouble(i -> i.metrics().eventsIn()).sum();
    }

    private static String scrape(SearchInstance instance) {
        return ((PrometheusMeterRegistry) instance.metrics().registry()).scrape();
    }

    /** The values of every series of a metric name (any labels). */
    private static List<Double> values(String scrape, String name) {
        List<Double> out = new ArrayList<>();
        for (String line : scrape.lines().toList()) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                out.add(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return out;
    }

    private static double sum(String scrape, String name) {
        return values(scrape, name).stream().mapToDouble(Double::doubleValue).sum();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 180_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting for: " + what);
            }
            Thread.sleep(200);
        }
    }
}
