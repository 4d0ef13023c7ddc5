package org.fourmu.sinks;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.fourmu.avro.LimitCurve;
import org.fourmu.topology.security.KafkaClientProperties;

/**
 * What a result sink holds between polls of {@code fourmu.limits}: the newest curve of each analysis, written
 * at most once per minimum interval per analysis and always once the stream pauses. A sink commits its
 * offsets only while nothing is pending, so a crash replays the curves it had not written.
 */
public final class PendingCurves {

    /** Stores one curve; false if that version was stored before. */
    @FunctionalInterface
    public interface Store<E extends Exception> {
        boolean write(LimitCurve curve) throws E;
    }

    private final long minIntervalMillis;
    private final Map<String, LimitCurve> pending = new LinkedHashMap<>();
    private final Map<String, Long> lastWrite = new HashMap<>();

    public PendingCurves(long minIntervalMillis) {
        this.minIntervalMillis = minIntervalMillis;
    }

    /** Keeps {@code curve} unless a newer version of its analysis is already pending. */
    public void offer(LimitCurve curve) {
        String id = curve.getAnalysisId();
        LimitCurve before = pending.get(id);
        if (before == null || before.getVersion() < curve.getVersion()) {
            pending.put(id, curve);
        }
    }

    /** Writes the curves that are due (all of them when {@code paused}); returns how many were new. */
    public <E extends Exception> int writeDue(boolean paused, Store<E> store) throws E {
        long now = System.currentTimeMillis();
        int written = 0;
        for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (paused || now - lastWrite.getOrDefault(e.getKey(), 0L) >= minIntervalMillis) {
                if (store.write(e.getValue())) {
                    written++;
                }
                lastWrite.put(e.getKey(), now);
                it.remove();
            }
        }
        return written;
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    /**
     * After a failed write: forgets the pending curves, seeks {@code consumer} back to the committed offsets
     * (nothing was committed for the failed batch, so it is read again) and waits {@code pause}. False when
     * interrupted while waiting.
     */
    public boolean retryFromCommitted(KafkaConsumer<?, ?> consumer, java.time.Duration pause) {
        pending.clear();
        consumer.assignment().forEach(tp -> consumer.committed(java.util.Set.of(tp)).forEach((k, v) ->
                consumer.seek(k, v == null ? 0 : v.offset())));
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A read-committed consumer of {@code topics} in {@code group}, from the earliest offset, committing by hand. */
    public static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers, KafkaClientProperties kafkaClient,
                                                         String group, List<String> topics) {
        Properties p = kafkaClient.addTo(new Properties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        return consumer;
    }
}
