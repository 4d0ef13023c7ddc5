package org.fourmu.app.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fourmu.topology.security.KafkaClientProperties;

/** Reading a whole topic once: its committed records, every partition, up to the end it had when the read began. */
public final class CommittedRecords {

    private CommittedRecords() {
    }

    /** Passes every committed record of {@code topic}, from the beginning to the end offsets at the start, to {@code sink}. */
    public static <T> void readToEnd(String bootstrapServers, String topic, Deserializer<T> values,
                                     Consumer<ConsumerRecord<String, T>> sink) {
        readToEnd(bootstrapServers, KafkaClientProperties.none(), topic, values, sink);
    }

    /** As {@link #readToEnd(String, String, Deserializer, Consumer)}, reaching the cluster with {@code kafkaClient}. */
    public static <T> void readToEnd(String bootstrapServers, KafkaClientProperties kafkaClient, String topic,
                                     Deserializer<T> values, Consumer<ConsumerRecord<String, T>> sink) {
        Properties p = kafkaClient.addTo(new Properties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<String, T> c = new KafkaConsumer<>(p, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, T> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        sink.accept(r);
                    }
                }
            }
        }
    }
}
