package org.fourmu.app.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.fourmu.app.dataset.DatasetManifest;
import org.fourmu.app.kafka.CommittedRecords;
import org.fourmu.app.dataset.RunFiles;
import org.fourmu.avro.Event;
import org.fourmu.avro.RunInfo;
import org.fourmu.topology.security.KafkaClientProperties;
import org.fourmu.topology.Topics;

/**
 * Publishes a recorded dataset to {@code fourmu.events} and {@code fourmu.runs}, run by run: the run's
 * RunInfo as it starts (its beams, before any of its events), its events in file order, then its final
 * RunInfo. Exactly once across interruptions: events go out in transactions of a transactional producer
 * named after the dataset, and each transaction also writes the position reached to the compacted
 * {@code fourmu.replay.progress}; a restarted replay fences the old producer (its open transaction is
 * aborted, so read_committed consumers never see those events) and resumes from the committed position.
 */
public final class ReplayPublisher implements AutoCloseable {

    /** Compacted topic of replay positions, keyed by dataset name. */
    public static final String PROGRESS_TOPIC = "fourmu.replay.progress";

    private final KafkaProducer<byte[], byte[]> producer;
    private final String bootstrapServers;
    private final KafkaClientProperties kafkaClient;
    private final String dataset;
    private final Serializer<Event> events;
    private final Serializer<RunInfo> runs;
    private final int eventsPerTransaction;

    /** Position reached: the run index in the manifest and the events of that run already published. */
    public record Position(int run, long events) {
        static Position parse(String s) {
            String[] parts = s.split("/");
            return new Position(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        }

        String format() {
            return run + "/" + events;
        }
    }

    public ReplayPublisher(String bootstrapServers, String dataset, Serializer<Event> events, Serializer<RunInfo> runs,
                           int eventsPerTransaction) {
        this(bootstrapServers, KafkaClientProperties.none(), dataset, events, runs, eventsPerTransaction);
    }

    /** A publisher whose clients reach the cluster with {@code kafkaClient} (SASL, TLS). */
    public ReplayPublisher(String bootstrapServers, KafkaClientProperties kafkaClient, String dataset, Serializer<Event> events,
                           Serializer<RunInfo> runs, int eventsPerTransaction) {
        this.bootstrapServers = bootstrapServers;
        this.kafkaClient = kafkaClient;
        this.dataset = dataset;
        this.events = events;
        this.runs = runs;
        this.eventsPerTransaction = eventsPerTransaction;
        createProgressTopic(kafkaClient.withBootstrap(bootstrapServers));
        Properties p = kafkaClient.addTo(new Properties());
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fourmu-replay-" + dataset);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        // fences an earlier producer of the same dataset and aborts its open transaction
        producer.initTransactions();
    }

    private static void createProgressTopic(Map<String, Object> adminConfig) {
        try (Admin admin = Admin.create(adminConfig)) {
            if (admin.listTopics().names().get().contains(PROGRESS_TOPIC)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(PROGRESS_TOPIC, 1, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + PROGRESS_TOPIC + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The committed position of the dataset (start when it was never replayed). */
    public Position committedPosition() {
        Position[] position = {new Position(0, 0)};
        CommittedRecords.readToEnd(bootstrapServers, kafkaClient, PROGRESS_TOPIC, new StringDeserializer(), r -> {
            if (dataset.equals(r.key())) {
                position[0] = Position.parse(r.value());
            }
        });
        return position[0];
    }

    /**
     * Publishes the dataset from its committed position. {@code speed} > 0 paces each run to its recorded
     * duration divided by speed; 0 publishes as fast as possible. Returns the events published now.
     */
    public long publish(Path directory, DatasetManifest manifest, double speed, LongConsumer progress) throws IOException {
        Position from = committedPosition();
        long[] published = {0};
        long alreadyDone = 0;
        for (int i = 0; i < from.run() && i < manifest.runs().size(); i++) {
            alreadyDone += manifest.runs().get(i).events();
        }
        alreadyDone += from.events();
        long base = alreadyDone;
        for (int index = from.run(); index < manifest.runs().size(); index++) {
            DatasetManifest.Run run = manifest.runs().get(index);
            RunFiles.verify(directory, run);
            long skip = index == from.run() ? from.events() : 0;
            producer.beginTransaction();
            if (skip == 0) {
                send(Topics.RUNS, run.key(), runs.serialize(Topics.RUNS, run.startedRunInfo()));
            }
            long nanosPerEvent = speed > 0 && run.events() > 0
                    ? (long) ((run.stopMillis() - run.startMillis()) * 1e6 / speed / run.events()) : 0;
            long runStart = System.nanoTime();
            int runIndex = index;
            long[] inRun = {skip};
            long[] inTransaction = {0};
            RunFiles.read(directory.resolve(run.file()), skip, e -> {
                String key = e.getExperiment() + "/" + e.getRun() + "/" + e.getEventNumber();
                send(Topics.EVENTS, key, events.serialize(Topics.EVENTS, e));
                inRun[0]++;
                published[0]++;
                if (++inTransaction[0] == eventsPerTransaction) {
                    commit(runIndex, inRun[0]);
                    inTransaction[0] = 0;
                    progress.accept(base + published[0]);
                    producer.beginTransaction();
                }
                if (nanosPerEvent > 0) {
                    pace(runStart, (inRun[0] - skip) * nanosPerEvent);
                }
            });
            send(Topics.RUNS, run.key(), runs.serialize(Topics.RUNS, run.endedRunInfo()));
            commit(index + 1, 0);
            progress.accept(base + published[0]);
        }
        return published[0];
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }

    private void commit(int run, long eventsInRun) {
        send(PROGRESS_TOPIC, dataset, new Position(run, eventsInRun).format().getBytes(StandardCharsets.UTF_8));
        producer.commitTransaction();
    }

    private static void pace(long startNanos, long dueNanos) {
        long wait = startNanos + dueNanos - System.nanoTime();
        if (wait > 1_000_000) {
            try {
                Thread.sleep(wait / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
