package org.fourmu.topology.processors;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.fourmu.avro.DeadLetterReason;
import org.fourmu.avro.JpsiRunFit;
import org.fourmu.topology.Topics;
import org.fourmu.topology.metrics.JpsiMonitor;
import org.fourmu.topology.metrics.SearchMetrics;
import org.fourmu.topology.serde.RecordDecodingException;

/**
 * Keeps the global store of the runs' J/psi fits from the compacted {@code fourmu.jpsi} topic and hands each to the
 * instance's {@link JpsiMonitor}: every instance's gauges show the same all-partition fits. An undecodable record
 * is counted and skipped.
 */
public final class JpsiFitsUpdater implements Processor<byte[], byte[], Void, Void> {

    private final String storeName;
    private final Deserializer<JpsiRunFit> deserializer;
    private final SearchMetrics metrics;
    private KeyValueStore<String, JpsiRunFit> store;

    public JpsiFitsUpdater(String storeName, Deserializer<JpsiRunFit> deserializer, SearchMetrics metrics) {
        this.storeName = storeName;
        this.deserializer = deserializer;
        this.metrics = metrics;
    }

    /** The monitor starts from the restored store: the fits published before this instance started. */
    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        try (KeyValueIterator<String, JpsiRunFit> it = store.all()) {
            it.forEachRemaining(kv -> metrics.jpsi().update(kv.value));
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        try {
            JpsiRunFit fit = deserializer.deserialize(Topics.JPSI, record.value());
            if (fit != null) {
                store.put(RunsStoreUpdater.key(fit.getExperiment(), fit.getRun()), fit);
                metrics.jpsi().update(fit);
            }
        } catch (RecordDecodingException e) {
            metrics.deadLetter(e.reason());
        } catch (RuntimeException e) {
            metrics.deadLetter(DeadLetterReason.OTHER);
        }
    }
}
