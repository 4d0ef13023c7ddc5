package org.fourmu.app.replay;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.concurrent.ExecutionException;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.fourmu.app.dataset.DatasetManifest;
import org.fourmu.app.kafka.CommittedRecords;
import org.fourmu.avro.LimitCurve;
import org.fourmu.topology.SearchConfig;
import org.fourmu.topology.SearchTopology;
import org.fourmu.topology.Topics;
import org.fourmu.topology.metrics.SearchMetrics;

/**
 * A dataset through Kafka and the topology: publishes it (exactly once, resumable), waits until the
 * topology has consumed everything and the scan has settled, and returns the final limit curve of the
 * analysis from {@code fourmu.limits}.
 */
public final class StreamReplay {

    private final SearchConfig config;
    private final SearchTopology.Analysis analysis;
    private final SearchTopology.WireSerdes serdes;

    public StreamReplay(SearchConfig config, SearchTopology.Analysis analysis, SearchTopology.WireSerdes serdes) {
        this.config = config;
        this.analysis = analysis;
        this.serdes = serdes;
    }

    public LimitCurve run(Path directory, DatasetManifest manifest, double speed, LongConsumer progress,
                          SearchMetrics metrics) throws IOException, InterruptedException {
        try (KafkaStreams streams = new KafkaStreams(SearchTopology.build(analysis, serdes, metrics), config.streamsProperties())) {
            streams.start();
            try (ReplayPublisher publisher = new ReplayPublisher(config.bootstrapServers(), manifest.name(),
                    serdes.events().serializer(), serdes.runs().serializer(), 5000)) {
                publisher.publish(directory, manifest, speed, progress);
            }
            awaitSettled(streams);
            return latestCurve();
        }
    }

    /** Waits until the application's consumer group has caught up on its inputs and nothing new arrives for a while. */
    private void awaitSettled(KafkaStreams streams) throws InterruptedException {
        long interval = Math.max(200, analysis.scanInterval().toMillis());
        List<String> inputs = List.of(Topics.EVENTS, Topics.CANDIDATES, Topics.SCAN_ASSEMBLY);
        try (Admin admin = Admin.create(config.kafkaClient().withBootstrap(config.bootstrapServers()))) {
            Map<TopicPartition, Long> lastEnds = Map.of();
            int quiet = 0;
            while (quiet < 3) {
                if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException("the topology stopped: " + streams.state());
                }
                Thread.sleep(interval);
                Map<TopicPartition, Long> ends = endOffsets(admin, inputs);
                Map<TopicPartition, OffsetAndMetadata> committed = committed(admin);
                boolean caughtUp = ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
                quiet = caughtUp && ends.equals(lastEnds) ? quiet + 1 : 0;
                lastEnds = ends;
            }
            // one more assembly interval, so that the last segment scans are in the published curve
            Thread.sleep(2 * interval);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, d) ->
                    d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("cannot read end offsets: " + e, e);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(Admin admin) {
        try {
            return admin.listConsumerGroupOffsets(config.applicationId()).partitionsToOffsetAndMetadata().get();
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException("cannot read the offsets of " + config.applicationId() + ": " + e, e);
        }
    }

    /** The last limit curve of this analysis on fourmu.limits. */
    private LimitCurve latestCurve() {
        LimitCurve[] found = {null};
        CommittedRecords.readToEnd(config.bootstrapServers(), config.kafkaClient(), Topics.LIMITS, serdes.limits().deserializer(), r -> {
            if (analysis.analysisId().equals(r.key()) && (found[0] == null || r.value().getVersion() >= found[0].getVersion())) {
                found[0] = r.value();
            }
        });
        LimitCurve latest = found[0];
        if (latest == null) {
            throw new IllegalStateException("no limit curve of " + analysis.analysisId() + " on " + Topics.LIMITS);
        }
        return latest;
    }

}
